import { describe, expect, it } from 'vitest';
import { matchEvent } from '../domain/trigger-loop.js';
import { CRON_EVENT_TYPE } from './cron.js';
import { triggerDefinitions } from './index.js';
import { staticSource } from './source-helper.js';
import { event, fakeIgor, pipelineWith } from './test-support.js';

const tick = (triggerId: string, pipelineId = 'p1') =>
  event(
    CRON_EVENT_TYPE,
    'echo',
    { triggerId, pipelineId, scheduledTime: 1_700_000_000_000 },
    { eventId: 'tick-1' },
  );
const cron = {
  type: 'cron',
  id: 't-1',
  cronExpression: '0 0 * * * ?',
  parameters: { env: 'nightly' },
  runAsUser: 'svc@x',
};

describe('cron trigger', () => {
  it.each([
    ['its own tick', tick('t-1'), cron, 1],
    ['another trigger id', tick('t-2'), cron, 0],
    ['another pipeline', tick('t-1', 'p2'), cron, 0],
    ['no expression: invalid', tick('t-1'), { ...cron, cronExpression: undefined }, 0],
    ['disabled', tick('t-1'), { ...cron, enabled: false }, 0],
  ])('%s', async (_n, e, trigger, count) => {
    expect(
      await matchEvent(e, triggerDefinitions, staticSource([pipelineWith(trigger)]), fakeIgor()),
    ).toHaveLength(count);
  });

  it('builds Spinnaker’s cron trigger', async () => {
    const [m] = await matchEvent(
      tick('t-1'),
      triggerDefinitions,
      staticSource([pipelineWith(cron)]),
      fakeIgor(),
    );
    expect(m!.trigger).toEqual({
      type: 'cron',
      id: 't-1',
      enabled: true,
      rebake: false,
      cronExpression: '0 0 * * * ?',
      parameters: { env: 'nightly' },
      eventId: 'tick-1',
      user: 'svc@x',
      runAsUser: 'svc@x',
    });
  });
});
