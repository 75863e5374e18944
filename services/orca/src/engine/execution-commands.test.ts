import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';

const judgment = (refId: string, requisites: string[] = [], extra: Record<string, unknown> = {}) => ({
  refId,
  requisiteStageRefIds: requisites,
  type: 'manualJudgment',
  name: 'Promote?',
  instructions: 'Check staging',
  judgmentInputs: [{ value: 'yes' }, { value: 'no' }],
  ...extra,
});

describe('user actions', () => {
  it('manual judgment continue: downstream sees #judgment and who judged', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [
        judgment('1'),
        wait('2', ['1'], {
          stageEnabled: { type: 'expression', expression: "#judgment('Promote?') == 'yes'" },
        }),
      ],
    });
    await h.run({ advance: true, untilMs: 60_000 });
    expect((await h.get(id)).status).toBe('RUNNING');
    const mj = await h.stage(id, 'Promote?');
    await h.engine.commands.updateStage(
      id,
      mj.id,
      { judgmentStatus: 'continue', judgmentInput: 'yes' },
      'bob',
    );
    await h.run({ advance: true, untilMs: 1000 });
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.lastModified?.user).toBe('bob');
    expect(e.stages[0]!.context.lastModifiedBy).toBe('bob');
    expect(e.stages[1]!.status).toBe('SUCCEEDED');
  });

  it('manual judgment stop makes the stage and pipeline TERMINAL (STOPPED with failPipeline=false)', async () => {
    for (const [failPipeline, stage, pipeline] of [
      [true, 'TERMINAL', 'TERMINAL'],
      [false, 'STOPPED', 'SUCCEEDED'],
    ] as const) {
      const h = createHarness();
      const id = await h.start({ stages: [judgment('1', [], { failPipeline }), wait('2', ['1'])] });
      await h.run();
      const mj = await h.stage(id, 'Promote?');
      await h.engine.commands.updateStage(id, mj.id, { judgmentStatus: 'stop' }, 'carol');
      await h.run();
      const e = await h.get(id);
      expect([e.stages[0]!.status, e.status]).toEqual([stage, pipeline]);
      expect(e.stages[1]!.status).toBe('NOT_STARTED');
    }
  });

  it('manual judgment notifications are published for the waiting and judged states', async () => {
    const h = createHarness();
    const notifications = [
      { type: 'slack', address: '#deploys', when: ['manualJudgment', 'manualJudgmentContinue'] },
    ];
    const id = await h.start({ stages: [judgment('1', [], { notifications, sendNotifications: true })] });
    await h.run({ advance: true, untilMs: 60_000 });
    const mj = await h.stage(id, 'Promote?');
    await h.engine.commands.updateStage(id, mj.id, { judgmentStatus: 'continue' }, 'bob');
    await h.run();
    const states = h.events
      .filter((e) => e.details.type === 'orca:stage:manualJudgment')
      .map((e) => e.content.state);
    expect(states).toEqual(['manualJudgment', 'manualJudgmentContinue']);
  });

  describe('judgment roles (selectedStageRoles)', () => {
    /** A pipeline waiting on a judgment that only `roles` may give. */
    async function waiting(roles: string[], permissions?: Record<string, string[]>) {
      const h = createHarness();
      if (permissions) h.front50.applications.set('APP', { name: 'app', permissions });
      const id = await h.start({
        stages: [judgment('1', [], { selectedStageRoles: roles }), wait('2', ['1'])],
      });
      await h.run();
      const mj = await h.stage(id, 'Promote?');
      const judge = async (
        user: string,
        userRoles: string[] | undefined,
        body = { judgmentStatus: 'continue' },
      ) => {
        await h.engine.commands.updateStage(id, mj.id, body, user, [], userRoles);
        await h.run();
        return h.get(id);
      };
      return { h, id, judge };
    }

    it('a judgment by a user without one of the roles is reset and the stage keeps waiting', async () => {
      const { judge } = await waiting(['release']);
      let e = await judge('mallory', ['dev']);
      expect([e.status, e.stages[0]!.status, e.stages[0]!.context.judgmentStatus]).toEqual([
        'RUNNING',
        'RUNNING',
        '',
      ]);
      expect(e.stages[0]!.lastModified).toMatchObject({ user: 'mallory', roles: [] });
      e = await judge('alice', ['dev', 'release']);
      expect([e.status, e.stages[0]!.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      expect(e.stages[0]!.lastModified).toMatchObject({ user: 'alice', roles: ['release'] });
      expect(e.stages[0]!.context.lastModifiedBy).toBe('alice');
    });

    it('the role must also write or execute on the application when it has permissions', async () => {
      const { judge } = await waiting(['release', 'ops'], { READ: ['release', 'ops'], EXECUTE: ['ops'] });
      let e = await judge('reader', ['release']);
      expect(e.stages[0]!.status).toBe('RUNNING');
      e = await judge('operator', ['ops'], { judgmentStatus: 'stop' });
      expect([e.stages[0]!.status, e.status]).toEqual(['TERMINAL', 'TERMINAL']);
    });

    it('identities without roles (no roles forwarded) are not checked, as Orca without Fiat', async () => {
      const { judge } = await waiting(['release']);
      expect((await judge('bob', undefined)).status).toBe('SUCCEEDED');
    });

    it('a PATCH cannot change who may judge', async () => {
      const { judge } = await waiting(['release']);
      const e = await judge('mallory', ['dev'], {
        judgmentStatus: 'continue',
        selectedStageRoles: ['dev'],
      } as never);
      expect(e.stages[0]!.status).toBe('RUNNING');
      expect(e.stages[0]!.context.selectedStageRoles).toEqual(['release']);
    });
  });

  it('judgment notifications: Spinnaker fields, once per state unless notifyEveryMs, judged states need sendNotifications', async () => {
    const h = createHarness();
    const notifications = [
      {
        type: 'slack',
        address: '#deploys',
        notifyEveryMs: 60_000,
        message: { manualJudgment: { text: 'look' } },
      },
      { type: 'email', address: 'ops@x.test', cc: 'lead@x.test', when: ['manualJudgmentContinue'] },
    ];
    const id = await h.start({ stages: [judgment('1', [], { notifications })] });
    await h.run({ advance: true, untilMs: 130_000 }); // waiting: slack at 0, 60 s and 120 s
    const mj = await h.stage(id, 'Promote?');
    await h.engine.commands.updateStage(id, mj.id, { judgmentStatus: 'continue' }, 'bob');
    await h.run();
    const sent = h.events.filter((e) => e.details.type === 'orca:stage:manualJudgment');
    // no `when` = the waiting notification only; the continue one needs sendNotifications
    expect(sent.map((e) => [e.content.templateGroup, e.content.notificationType])).toEqual([
      ['manualJudgment', 'SLACK'],
      ['manualJudgment', 'SLACK'],
      ['manualJudgment', 'SLACK'],
    ]);
    expect(sent[0]!.content).toMatchObject({
      to: ['#deploys'],
      severity: 'HIGH',
      source: { executionType: 'PIPELINE', executionId: id, application: 'app' },
      additionalContext: {
        stageName: 'Promote?',
        stageId: '1',
        instructions: 'Check staging',
        message: 'look',
      },
    });
    const h2 = createHarness();
    const id2 = await h2.start({ stages: [judgment('1', [], { notifications, sendNotifications: true })] });
    await h2.run();
    const mj2 = await h2.stage(id2, 'Promote?');
    await h2.engine.commands.updateStage(id2, mj2.id, { judgmentStatus: 'continue' }, 'bob');
    await h2.run();
    const judged = h2.events.filter((e) => e.content.templateGroup === 'manualJudgmentContinue');
    expect(judged.map((e) => [e.content.notificationType, e.content.to, e.content.cc])).toEqual([
      ['SLACK', ['#deploys'], null],
      ['EMAIL', ['ops@x.test'], ['lead@x.test']],
    ]);
    expect(judged[0]!.content).toMatchObject({ judgedBy: 'bob', additionalContext: { judgedBy: 'bob' } });
  });

  it('skip remaining wait finishes a long wait now', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 3600 })] });
    await h.run();
    const w = (await h.get(id)).stages[0]!;
    await h.engine.commands.updateStage(id, w.id, { skipRemainingWait: true }, 'bob');
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });

  it('cancel terminates at once, even with its pending work lost', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 3600 }), wait('2', ['1'])] });
    await h.run();
    h.queue.clear(); // the runTask is lost
    await h.engine.commands.cancel(id, 'alice', 'no longer needed');
    await h.run();
    const e = await h.get(id);
    expect(e).toMatchObject({
      status: 'CANCELED',
      canceled: true,
      canceledBy: 'alice',
      cancellationReason: 'no longer needed',
    });
    expect(e.stages.map((s) => s.status)).toEqual(['CANCELED', 'NOT_STARTED']);
    expect(e.stages[0]!.tasks![0]!.status).toBe('CANCELED');
  });

  it('pause holds a running task; resume continues it', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 10 })] });
    await h.run();
    await h.engine.commands.pause(id, 'alice');
    await h.run();
    let e = await h.get(id);
    expect(e.status).toBe('PAUSED');
    expect(e.stages[0]!.status).toBe('PAUSED');
    expect(e.stages[0]!.tasks![0]!.status).toBe('PAUSED');
    expect(e.paused).toMatchObject({ pausedBy: 'alice', paused: true });
    await h.engine.commands.resume(id, 'bob');
    await h.run({ advance: true });
    e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.paused).toMatchObject({ resumedBy: 'bob', paused: false });
  });

  it('restart re-runs a failed stage and its downstream stages', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 'x' }), wait('2', ['1'])] });
    await h.run();
    expect((await h.get(id)).status).toBe('TERMINAL');
    const failed = (await h.get(id)).stages[0]!;
    // fix the stage the way a user would (edit context), then restart it
    const { lock, execution } = await h.repository.lockAndGet(id);
    execution!.stages[0]!.context.waitTime = 0;
    await h.repository.saveAndUnlock(execution!, lock!);
    await h.engine.commands.restartStage(id, failed.id, 'dave');
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(e.stages[0]!.context.restartDetails).toMatchObject({ restartedBy: 'dave' });
  });

  it('refuses a manual skip of a stage type that cannot be skipped (400)', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 60 })] });
    await h.run();
    const w = (await h.get(id)).stages[0]!;
    await expect(h.engine.commands.updateStage(id, w.id, { manualSkip: true }, 'x')).rejects.toMatchObject({
      code: 'INPUT',
    });
  });

  it('deletes only completed executions', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 60 })] });
    await h.run();
    await expect(h.engine.commands.delete(id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await h.run({ advance: true });
    await h.engine.commands.delete(id);
    expect(await h.repository.get(id)).toBeUndefined();
  });

  it('evaluates an expression against an execution', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1')] }, { parameters: { region: 'eu' } });
    expect(await h.engine.commands.evaluate(id, '${parameters.region}-x')).toEqual({ result: 'eu-x' });
    const bad = await h.engine.commands.evaluate(id, '${#stage("nope").status}');
    expect(bad.result).toBe('${#stage("nope").status}');
    expect(JSON.stringify(bad.detail)).toMatch(/nope/);
  });
});
