import { describe, expect, it } from 'vitest';
import { evaluateExpressionForExecution } from './evaluate-for-execution.js';
import { processPipelineConfig, processStageContext, SUMMARY_KEY } from './process.js';
import { sampleContext, sampleExecution } from './test-fixtures.js';
import { transformValue } from './transform.js';

describe('templating over a JSON tree', () => {
  it('keeps types for whole-string expressions, concatenates mixed text, evaluates keys, leaves the input alone', async () => {
    const input = {
      replicas: '${#toInt(trigger.parameters.replicas)}',
      enabled: '${trigger.parameters.flag == "true"}',
      image: 'repo/app:${#stage("Deploy").outputs.image}',
      list: ['${ {1, 2} }', 'plain', 7, null, true],
      nested: { map: '${ {"a": 1} }', '${trigger.parameters.env}-key': 'v' },
      untouched: '$HOME and {braces}',
    };
    const copy = structuredClone(input);
    const { value, summary } = await transformValue(input, sampleContext());
    expect(value).toEqual({
      replicas: 3,
      enabled: true,
      image: 'repo/app:app:1.2.3',
      list: [[1, 2], 'plain', 7, null, true],
      nested: { map: { a: 1 }, 'prod-key': 'v' },
      untouched: '$HOME and {braces}',
    });
    expect(input).toEqual(copy);
    expect(summary.failureCount).toBe(0);
    expect(summary.totalEvaluated).toBe(6);
  });

  it('keeps the original text and records INFO for null and ERROR for failures, in Spinnaker shape', async () => {
    const { value, summary } = await transformValue(
      {
        namespace: '${trigger.parameters.missing}',
        bad: '${#stage("Nope").name}',
        syntax: '${ 1 + }',
        mixed: 'a-${nothing}-b',
      },
      sampleContext(),
    );
    expect(value).toEqual({
      namespace: '${trigger.parameters.missing}',
      bad: '${#stage("Nope").name}',
      syntax: '${ 1 + }',
      mixed: 'a-${nothing}-b',
    });
    const json = summary.toJSON();
    expect(json['trigger.parameters.missing']).toEqual([
      expect.objectContaining({
        level: 'INFO',
        description: 'Failed to evaluate [namespace] : trigger.parameters.missing not found',
        exceptionType: null,
      }),
    ]);
    expect(json['#stage("Nope").name']).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        code: 'HELPER',
        description: expect.stringMatching(/^Failed to evaluate \[bad\] Unable to locate \[Nope\]/),
      }),
    ]);
    expect(json['1 +']).toEqual([expect.objectContaining({ level: 'ERROR', code: 'PARSE' })]);
    expect(json['nothing']).toEqual([expect.objectContaining({ level: 'INFO' })]);
    expect(summary.failureCount).toBe(4);
    expect(summary.hasErrors).toBe(true);
  });
});

describe('stage-level processing', () => {
  it('evaluates, attaches the summary and reports failOnFailedExpressions', async () => {
    const ok = await processStageContext({ a: '${own}' }, sampleContext());
    expect(ok).toMatchObject({ context: { a: 'mine' }, shouldFail: false, skipped: false });
    expect(ok.context[SUMMARY_KEY]).toBeUndefined();
    const failing = await processStageContext(
      { a: '${nope.deeper}', failOnFailedExpressions: true },
      sampleContext(),
    );
    expect(failing.shouldFail).toBe(true);
    expect(Object.keys(failing.context[SUMMARY_KEY] as object)).toEqual(['nope.deeper']);
    const tolerated = await processStageContext({ a: '${nope.deeper}' }, sampleContext());
    expect(tolerated.shouldFail).toBe(false);
  });

  it('honours skipExpressionEvaluation on the stage and on the pipeline', async () => {
    const stage = await processStageContext({ a: '${own}', skipExpressionEvaluation: true }, sampleContext());
    expect(stage).toMatchObject({ skipped: true, context: { a: '${own}' } });
    const manifestsOnly = await processStageContext(
      { account: '${own}', manifests: [{ data: '${own}' }], skipExpressionEvaluation: true },
      sampleContext(),
      { keysSkippedByStageFlag: ['manifests'] },
    );
    expect(manifestsOnly.context).toMatchObject({ account: 'mine', manifests: [{ data: '${own}' }] });
    const pipeline = await processStageContext({ a: '${own}' }, sampleContext(), {
      pipelineSkipExpressionEvaluation: true,
    });
    expect(pipeline).toMatchObject({ skipped: true, context: { a: '${own}' } });
  });

  it('evaluates a pipeline config at trigger time: V4 leaves stages alone, V3 does not', async () => {
    const config = {
      name: '${trigger.parameters.env}-deploy',
      stages: [{ type: 'wait', waitTime: '${1 + 1}' }],
    };
    const ctx = { root: { trigger: { parameters: { env: 'prod' } }, parameters: { env: 'prod' } } };
    const v4 = await processPipelineConfig({ ...config, spelEvaluator: 'v4' }, ctx);
    expect(v4.pipeline).toMatchObject({ name: 'prod-deploy', stages: [{ waitTime: '${1 + 1}' }] });
    const v3 = await processPipelineConfig(config, ctx);
    expect(v3.pipeline).toMatchObject({ name: 'prod-deploy', stages: [{ waitTime: 2 }] });
    const skipped = await processPipelineConfig({ ...config, skipExpressionEvaluation: true }, ctx);
    expect(skipped.pipeline.name).toBe('${trigger.parameters.env}-deploy');
  });
});

describe('the evaluateExpression endpoint core', () => {
  it('evaluates against the execution, or a stage of it, and returns {result, detail}', async () => {
    const execution = sampleExecution();
    expect(await evaluateExpressionForExecution(execution, '${trigger.parameters.env}')).toEqual({
      result: 'prod',
    });
    expect(await evaluateExpressionForExecution(execution, '${own} ${image}', { stageId: 's5' })).toEqual({
      result: 'mine own-image',
    });
    expect(
      await evaluateExpressionForExecution(execution, '${manifests[0].metadata.name}', { stageId: 's5' }),
    ).toEqual({ result: 'app' });
    const failed = await evaluateExpressionForExecution(execution, '${#judgment("Nope")}');
    expect(failed.result).toBe('${#judgment("Nope")}');
    expect(failed.detail?.['#judgment("Nope")']?.[0]).toMatchObject({ level: 'ERROR' });
    await expect(
      evaluateExpressionForExecution(execution, '${1}', { stageId: 'nope' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
