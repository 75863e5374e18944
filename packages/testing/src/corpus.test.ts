import {
  ExecutionStatus,
  PipelineExecutionSchema,
  PipelineSchema,
  StageExecutionSchema,
} from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixtureFiles, fixturePipelines, unwrapOpa } from './fixtures.js';

/** Parse, then serialise as a service would, then compare with the input. */
function roundTrip<S extends z.ZodType>(schema: S, input: unknown): unknown {
  return JSON.parse(JSON.stringify(schema.parse(input))) as unknown;
}

/**
 * Armory's OPA envelopes (execution at `.input.pipeline`) list some stages as bare ids; that is the
 * plugin's serialisation, not Orca's, so the envelope gets its own schema built on the shared one.
 */
const OpaExecutionSchema = PipelineExecutionSchema.extend({
  stages: z.array(z.union([StageExecutionSchema, z.string()])),
});

describe('compatibility corpus: pipeline configs', () => {
  const pipelines = fixturePipelines();

  it('finds the corpus', () => {
    expect(fixtureFiles('pipelines').length).toBeGreaterThanOrEqual(40);
    expect(pipelines.length).toBeGreaterThanOrEqual(80);
  });

  it.each(pipelines.map((p) => [`${p.file}#${p.index}`, p.pipeline] as const))(
    '%s round-trips unchanged',
    (_name, pipeline) => {
      expect(roundTrip(PipelineSchema, pipeline)).toEqual(pipeline);
    },
  );
});

describe('compatibility corpus: executions', () => {
  const files = fixtureFiles('executions');

  it.each(files.map((f) => [f.name, f.json] as const))('%s round-trips unchanged', (name, json) => {
    if (name.startsWith('armory-docs__opa-')) {
      const input = json as { input: { pipeline: unknown; stage: unknown } };
      expect(roundTrip(OpaExecutionSchema, input.input.pipeline)).toEqual(input.input.pipeline);
      expect(roundTrip(StageExecutionSchema, input.input.stage)).toEqual(input.input.stage);
      return;
    }
    const doc = unwrapOpa(json, 'pipeline');
    const list = Array.isArray(doc) ? doc : [doc];
    expect(list.length).toBeGreaterThan(0);
    for (const execution of list) expect(roundTrip(PipelineExecutionSchema, execution)).toEqual(execution);
  });

  it('keeps the nested parent execution of a pipeline trigger typed', () => {
    const file = files.find((f) => f.name === 'orca__pipelinetrigger-execution.json');
    const parsed = PipelineExecutionSchema.parse(file?.json);
    expect(parsed.trigger?.type).toBe('pipeline');
    const parent = parsed.trigger?.parentExecution;
    expect(parent?.id).toMatch(/\S/);
    expect(Object.values(ExecutionStatus)).toContain(parent?.status);
  });
});
