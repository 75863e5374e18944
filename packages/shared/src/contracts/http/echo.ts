import { z } from 'zod';
import { JsonMapSchema, open, opt } from '../../model/json.js';
import { EventMetadataSchema } from '../queues/echo.js';

/** echo's HTTP paths (edge.md §4.2, plus Genoa's pipeline-cache refresh). */
export const EchoPaths = {
  events: '/',
  webhook: (type: string, source: string) =>
    `/webhooks/${encodeURIComponent(type)}/${encodeURIComponent(source)}`,
  pipelineCacheRefresh: '/pipelineCache/refresh',
  validateCronExpression: '/validateCronExpression',
  notifications: '/notifications',
} as const;

/** The body of echo `POST /`: an Event whose `eventId` may be absent (echo then assigns one). */
export const EchoEventInputSchema = open({
  details: EventMetadataSchema,
  content: JsonMapSchema.default({}),
  rawContent: opt(z.string()),
  payload: opt(JsonMapSchema),
  eventId: opt(z.string().min(1)),
});
/** See {@link EchoEventInputSchema}. */
export type EchoEventInput = z.infer<typeof EchoEventInputSchema>;

/** What `POST /webhooks/{type}/{source}` answers (Spinnaker's shape). */
export const WebhookResponseSchema = z.object({ eventProcessed: z.boolean(), eventId: z.string() });
/** See {@link WebhookResponseSchema}. */
export type WebhookResponse = z.infer<typeof WebhookResponseSchema>;
