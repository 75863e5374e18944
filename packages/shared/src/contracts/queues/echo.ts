import { z } from 'zod';
import { JsonMapSchema, open, opt } from '../../model/json.js';

/** Echo's event Metadata (`details`): where an event came from and what kind it is. */
export const EventMetadataSchema = open({
  source: z.string(),
  type: z.string(),
  created: opt(z.string()),
  organization: opt(z.string()),
  project: opt(z.string()),
  application: opt(z.string()),
  _content_id: opt(z.string()),
  attributes: opt(z.record(z.string(), z.string())),
  requestHeaders: opt(z.record(z.string(), z.array(z.string()))),
});
/** See {@link EventMetadataSchema}. */
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/**
 * An echo Event (edge.md §4.1), the message of the `echo-events` queue and the body of echo
 * `POST /`. `eventId` is the dedupe key: echo processes each id once in effect.
 */
export const EchoEventSchema = open({
  details: EventMetadataSchema,
  content: JsonMapSchema,
  rawContent: opt(z.string()),
  payload: opt(JsonMapSchema),
  eventId: z.string().min(1),
});
/** See {@link EchoEventSchema}. */
export type EchoEvent = z.infer<typeof EchoEventSchema>;

/** The orca lifecycle event types echo receives (`details.type`). */
export const OrcaEventType = {
  pipelineStarting: 'orca:pipeline:starting',
  pipelineComplete: 'orca:pipeline:complete',
  pipelineFailed: 'orca:pipeline:failed',
  orchestrationStarting: 'orca:orchestration:starting',
  orchestrationComplete: 'orca:orchestration:complete',
  orchestrationFailed: 'orca:orchestration:failed',
  stageStarting: 'orca:stage:starting',
  stageComplete: 'orca:stage:complete',
  stageFailed: 'orca:stage:failed',
  stageSkipped: 'orca:stage:skipped',
  taskStarting: 'orca:task:starting',
  taskComplete: 'orca:task:complete',
  taskFailed: 'orca:task:failed',
} as const;
