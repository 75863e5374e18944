import { z } from 'zod';
import { JsonMapSchema } from '@genoa/shared';
import { satisfiesConstraints } from '../domain/payload-constraints.js';
import { defineTrigger } from '../domain/trigger-definition.js';
import { artifactsOf, eventShape } from './common.js';

/**
 * `webhook` triggers: `POST /webhooks/webhook/{source}`. Matches `type` (case-insensitive) and
 * `source` (exact) plus `payloadConstraints` (regex find, JsonPath fallback); the trigger gets the
 * body's `parameters`, the whole `payload` and the `eventId`.
 */
export const webhookTrigger = defineTrigger({
  type: 'webhook',
  handles: (eventType) => eventType.toLowerCase() !== 'manual',
  eventSchema: z.looseObject(eventShape),
  triggerSchema: z.looseObject({
    type: z.string(),
    source: z.string().nullish(),
    payloadConstraints: z.record(z.string(), z.unknown()).nullish(),
  }),
  isValid: (trigger) => typeof trigger.source === 'string' && trigger.source.length > 0,
  matches: (event, trigger) =>
    trigger.type.toLowerCase() === event.details.type.toLowerCase() &&
    trigger.source === event.details.source &&
    satisfiesConstraints(event.payload ?? event.content, trigger.payloadConstraints, { jsonPath: true }),
  resolve: (event, trigger) => {
    const parameters = JsonMapSchema.safeParse(event.content.parameters);
    return {
      trigger: {
        ...trigger,
        parameters: parameters.success ? parameters.data : {},
        payload: event.payload ?? event.content,
        eventId: event.eventId,
      },
      artifacts: artifactsOf(event.content),
    };
  },
});
