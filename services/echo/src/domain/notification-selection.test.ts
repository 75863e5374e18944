import { describe as group, expect, it } from 'vitest';
import type { EchoEvent } from '@genoa/shared';
import { describe, selectNotifications } from './notification-selection.js';

const slack = (when: string[], extra = {}) => ({ type: 'slack', address: '#deploys', when, ...extra });
const pipelineEvent = (
  status: string,
  notifications: unknown[],
  execution: Record<string, unknown> = {},
): EchoEvent => ({
  details: { type: `orca:pipeline:${status}`, source: 'orca', application: 'app' },
  content: {
    executionId: 'e-1',
    execution: {
      id: 'e-1',
      type: 'pipeline',
      name: 'deploy',
      application: 'app',
      status: 'SUCCEEDED',
      notifications,
      ...execution,
    },
  },
  eventId: 'x',
});
const stageEvent = (
  status: string,
  context: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): EchoEvent => ({
  details: { type: `orca:stage:${status}`, source: 'orca', application: 'app' },
  content: {
    executionId: 'e-1',
    name: 'Approve',
    isSynthetic: false,
    context,
    execution: { id: 'e-1', type: 'pipeline', name: 'deploy' },
    ...extra,
  },
  eventId: 'y',
});

group('which notifications an orca event fires', () => {
  it.each<[string, EchoEvent, string[]]>([
    [
      'pipeline.complete on complete',
      pipelineEvent('complete', [slack(['pipeline.complete'])]),
      ['pipeline.complete'],
    ],
    ['pipeline.failed not on complete', pipelineEvent('complete', [slack(['pipeline.failed'])]), []],
    [
      'two preferences, one matching',
      pipelineEvent('failed', [slack(['pipeline.failed']), slack(['pipeline.starting'])]),
      ['pipeline.failed'],
    ],
    [
      'a canceled execution fires nothing',
      pipelineEvent('failed', [slack(['pipeline.failed'])], { status: 'CANCELED' }),
      [],
    ],
    [
      'stage.failed with sendNotifications',
      stageEvent('failed', { sendNotifications: true, notifications: [slack(['stage.failed'])] }),
      ['stage.failed'],
    ],
    [
      'stage without sendNotifications',
      stageEvent('failed', { notifications: [slack(['stage.failed'])] }),
      [],
    ],
    [
      'synthetic stage',
      stageEvent(
        'failed',
        { sendNotifications: true, notifications: [slack(['stage.failed'])] },
        { isSynthetic: true },
      ),
      [],
    ],
    [
      'canceled stage',
      stageEvent(
        'failed',
        { sendNotifications: true, notifications: [slack(['stage.failed'])] },
        { canceled: true },
      ),
      [],
    ],
    [
      'a manual judgment stage fires stage.* like any stage (judgment values come from orca)',
      stageEvent(
        'starting',
        { sendNotifications: true, notifications: [slack(['manualJudgment', 'stage.starting'])] },
        { type: 'manualJudgment' }, // orca's stage event shape
      ),
      ['stage.starting'],
    ],
    ...['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'].map(
      (state): [string, EchoEvent, string[]] => [
        `orca asks for a ${state} notification`,
        {
          details: { type: 'orca:stage:manualJudgment', source: 'orca', application: 'app' },
          content: {
            state,
            notification: slack([state]),
            executionId: 'e-1',
            name: 'Approve',
            execution: { id: 'e-1', name: 'deploy', application: 'app' },
          },
          eventId: `mj-${state}`,
        },
        [state],
      ],
    ),
    [
      'a judgment event without a notification',
      {
        details: { type: 'orca:stage:manualJudgment', source: 'orca' },
        content: { state: 'manualJudgment' },
        eventId: 'mj-x',
      },
      [],
    ],
    [
      'task events only when standalone',
      {
        details: { type: 'orca:task:complete', source: 'orca' },
        content: { standalone: false },
        eventId: 'z',
      },
      [],
    ],
    [
      'non-orca events fire nothing',
      { details: { type: 'build', source: 'igor' }, content: {}, eventId: 'z' },
      [],
    ],
  ])('%s', (_name, event, whens) => {
    expect(selectNotifications(event).map((r) => r.when)).toEqual(whens);
  });

  it('uses the custom message for the when, and links to Deck', () => {
    const [request] = selectNotifications(
      pipelineEvent('failed', [
        slack(['pipeline.failed'], { message: { 'pipeline.failed': { text: 'deploy broke' } } }),
      ]),
    );
    expect(describe(request!, 'https://deck')).toEqual({
      text: 'deploy broke',
      link: 'https://deck/#/applications/app/executions/details/e-1',
    });
    const [plain] = selectNotifications(pipelineEvent('complete', [slack(['pipeline.complete'])]));
    expect(describe(plain!, 'https://deck').text).toBe(
      'Pipeline deploy has completed successfully for application app',
    );
  });
});
