import { fixturePipelines } from '@genoa/testing';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../__tests__/harness.js';

const SUPPORTED = new Set([
  'wait',
  'manualJudgment',
  'checkPreconditions',
  'evaluateVariables',
  'pipeline',
  'webhook',
]);

/**
 * The status each corpus pipeline's structure implies, with every webhook answering 200 and every
 * manual judgment continued: unreachable child pipeline ids, invalid webhook URLs and clusterSize
 * preconditions (no clouddriver) fail their stage.
 */
const EXPECTED: Record<string, string> = {
  'deck__google-pipelineConfigs-list.json#8': 'SUCCEEDED',
  'deck__simple-wait-pipeline.json#0': 'SUCCEEDED',
  'echo__pipelines-list.json#1': 'SUCCEEDED',
  'echo__pipelines-list.json#7': 'SUCCEEDED',
  // both preconditions are clusterSize with failPipeline=false → STOPPED; the pipeline stages after them never run
  'gcp-spinnaker-pipelines__istio-trigger.json#0': 'SUCCEEDED',
  // webhook 7's url is a placeholder ("SAMSON_DEPLOY_WEBHOOK_URL") → TERMINAL
  'hello-spinnaker-hello-ci__spinnaker.json#0': 'TERMINAL',
  'marqaaron__applicationPipelineConfigs-list.json#0': 'SUCCEEDED',
  // iteration/limit parameters absent: new Integer(null) fails → evaluateVariables TERMINAL
  'marqaaron__applicationPipelineConfigs-list.json#1': 'TERMINAL',
  // the child pipeline config ids are not in front50 → pipeline stage TERMINAL
  'marqaaron__applicationPipelineConfigs-list.json#2': 'TERMINAL',
  // waits for completion; the status answer ({}) has no fields.status.name → TERMINAL
  'opsmx-summit2020__webhook-pipeline.json#0': 'TERMINAL',
  'orca__pipeline-with-pipeline-trigger.json#0': 'SUCCEEDED',
  'spin__pipeline-get.json#0': 'SUCCEEDED',
};

const runnable = fixturePipelines().filter(({ pipeline }) => {
  const stages = (pipeline.stages as { type?: string }[] | undefined) ?? [];
  return stages.length > 0 && stages.every((s) => SUPPORTED.has(String(s.type)));
});

describe('fixture corpus: pipelines built from supported stage types run to their implied status', () => {
  it('finds every runnable corpus pipeline in the expectations', () => {
    expect(runnable.map((f) => `${f.file}#${f.index}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(runnable.map((f) => [`${f.file}#${f.index}`, f.pipeline] as const))('%s', async (key, pipeline) => {
    const h = createHarness();
    h.http.validateUrls = true;
    const id = await h.start({
      ...pipeline,
      application: 'corpus',
      id: 'corpus-cfg',
      limitConcurrent: false,
    });
    for (let round = 0; round < 10; round += 1) {
      await h.run({ advance: true, untilMs: 365 * 24 * 60 * 60 * 1000 });
      const e = await h.get(id);
      const waiting = e.stages.filter((s) => s.type === 'manualJudgment' && s.status === 'RUNNING');
      if (waiting.length === 0) break;
      for (const s of waiting)
        await h.engine.commands.updateStage(id, s.id, { judgmentStatus: 'continue' }, 'corpus');
    }
    const e = await h.get(id);
    expect(e.status).toBe(EXPECTED[key]);
    expect(e.stages.every((s) => s.status !== 'RUNNING' && s.status !== 'PAUSED')).toBe(true);
  });
});
