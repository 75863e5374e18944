import { z } from 'zod';
import { open, opt } from './json.js';

/**
 * A notification preference on a pipeline or stage: a channel `type` (slack, email, pubsub, …), an
 * `address`, and the events (`when`, e.g. `pipeline.complete`, `stage.failed`) that fire it.
 */
export const NotificationSchema = open({
  type: z.string(),
  address: opt(z.string()),
  level: opt(z.string()),
  when: opt(z.array(z.string())),
  message: opt(z.record(z.string(), z.unknown())),
  cc: opt(z.string()),
  publisherName: opt(z.string()),
});
/** See {@link NotificationSchema}. */
export type Notification = z.infer<typeof NotificationSchema>;
