import { z } from 'zod';
import { defineTrigger } from '../domain/trigger-definition.js';
import { eventShape } from './common.js';

/** `details.type` of the events echo's scheduler emits for a cron tick. */
export const CRON_EVENT_TYPE = 'cron';

/**
 * `cron` triggers (edge.md §4.7). echo's scheduler emits one event per (trigger id, tick) — see
 * `scheduler/cron-scheduler.ts` — and this definition turns it into Spinnaker's cron trigger:
 * `{type: cron, id, enabled, rebake, cronExpression, parameters, eventId, runAsUser}`.
 */
export const cronTrigger = defineTrigger({
  type: 'cron',
  handles: (eventType) => eventType === CRON_EVENT_TYPE,
  eventSchema: z.looseObject({
    ...eventShape,
    content: z.looseObject({ triggerId: z.string(), pipelineId: z.string(), scheduledTime: z.number() }),
  }),
  triggerSchema: z.looseObject({
    type: z.string(),
    id: z.string().nullish(),
    cronExpression: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    runAsUser: z.string().nullish(),
    rebake: z.boolean().nullish(),
  }),
  isValid: (trigger) => !!trigger.id && !!trigger.cronExpression,
  matches: (event, trigger, _ctx, pipeline) =>
    trigger.id === event.content.triggerId && pipeline.id === event.content.pipelineId,
  resolve: (event, trigger) => ({
    trigger: {
      type: 'cron',
      id: trigger.id,
      enabled: true,
      rebake: trigger.rebake ?? false,
      cronExpression: trigger.cronExpression,
      parameters: trigger.parameters ?? {},
      eventId: event.eventId,
      user: trigger.runAsUser ?? 'anonymous',
      ...(trigger.runAsUser ? { runAsUser: trigger.runAsUser } : {}),
    },
    artifacts: [],
  }),
});
