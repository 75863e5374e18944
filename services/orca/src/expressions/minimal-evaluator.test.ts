import type { PipelineExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { MinimalExpressionEvaluator } from './minimal-evaluator.js';

const execution = {
  id: 'e',
  type: 'PIPELINE',
  application: 'app',
  status: 'RUNNING',
  trigger: { type: 'manual', parameters: { env: 'prod', n: 3 } },
  stages: [
    {
      id: 's1',
      name: 'Promote?',
      type: 'manualJudgment',
      status: 'SUCCEEDED',
      context: { judgmentInput: 'yes' },
      outputs: { v: '1.2' },
    },
  ],
} as unknown as PipelineExecution;

describe('minimal expression evaluator (fallback adapter)', () => {
  const ev = new MinimalExpressionEvaluator();
  it('evaluates paths, helpers, comparisons and ternaries', async () => {
    const scope = { execution };
    expect((await ev.evaluateExpression("trigger.parameters.env == 'prod'", scope, 0)).value).toBe(true);
    expect(
      (await ev.evaluateExpression("#judgment('Promote?') != 'no' ? 'go' : 'stop'", scope, 0)).value,
    ).toBe('go');
    expect((await ev.evaluateExpression("#stage('Promote?').outputs.v", scope, 0)).value).toBe('1.2');
    expect(
      (await ev.evaluateTree({ a: '${parameters.n}', b: 'x-${parameters.env}' }, scope, 0)).value,
    ).toEqual({ a: 3, b: 'x-prod' });
  });
  it('keeps failing text and summarises; refuses prototype access', async () => {
    const out = await ev.evaluateTree('${#stage("nope").status}', { execution }, 5);
    expect(out.value).toBe('${#stage("nope").status}');
    expect(Object.values(out.summary)[0]![0]).toMatchObject({ level: 'ERROR', timestamp: 5 });
    expect((await ev.evaluateExpression('trigger.constructor', { execution }, 0)).value).toBeUndefined();
  });
});
