import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';

describe('startPipeline (pipeline stage) authentication', () => {
  it("starts the child as the parent's user with the parent's allowed accounts", async () => {
    const h = createHarness();
    h.front50.pipelines.set('child', { id: 'child', application: 'app', name: 'child', stages: [wait('1')] });
    const parent = await h.engine.launcher.startPipeline({
      pipeline: {
        application: 'app',
        id: 'cfg',
        stages: [{ refId: '1', type: 'pipeline', pipeline: 'child' }],
      },
      trigger: {},
      user: 'alice',
      accounts: ['prod', 'staging'],
    });
    expect(parent.authentication).toEqual({ user: 'alice', allowedAccounts: ['prod', 'staging'] });
    await h.run({ advance: true });
    const childId = (await h.get(parent.id)).stages[0]!.context.executionId as string;
    const child = await h.get(childId);
    expect(child.authentication).toEqual({ user: 'alice', allowedAccounts: ['prod', 'staging'] });
    expect(child.status).toBe('SUCCEEDED');
  });
});
