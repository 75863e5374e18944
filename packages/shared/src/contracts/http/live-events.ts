import { z } from 'zod';
import { opt } from '../../model/json.js';

/**
 * Live updates (Server-Sent Events) that gate streams to browsers and scripts.
 *
 * `GET /events/applications/{application}` answers `text/event-stream`. Each message has an `event:` name from
 * {@link LiveEventNames} and a JSON `data:` line matching the schema below; a comment line (`: keep-alive`) is sent
 * every 15 s. Messages say *what* changed; a client refetches the execution or view it shows. On (re)connect a
 * client refetches everything it shows, since events missed while disconnected are not replayed.
 */
export const LiveEventPaths = {
  application: (application: string) => `/events/applications/${encodeURIComponent(application)}`,
} as const;

/** The SSE `event:` names. */
export const LiveEventNames = {
  execution: 'execution',
  infrastructure: 'infrastructure',
} as const;

/** An execution (pipeline or orchestration) or one of its stages/tasks changed state. */
export const ExecutionLiveEventSchema = z.object({
  application: z.string().min(1),
  executionId: z.string().min(1),
  /** `PIPELINE` or `ORCHESTRATION`. */
  executionType: opt(z.string()),
  pipelineConfigId: opt(z.string()),
  /** Spinnaker's event type: `orca:pipeline:starting`, `orca:stage:complete`, … */
  type: z.string().min(1),
  stageId: opt(z.string()),
  status: opt(z.string()),
  /** Epoch ms when the change happened. */
  timestamp: z.number(),
});
/** See {@link ExecutionLiveEventSchema}. */
export type ExecutionLiveEvent = z.infer<typeof ExecutionLiveEventSchema>;

/** Something in the application's infrastructure (clusters, server groups, load balancers, pods) changed. */
export const InfrastructureLiveEventSchema = z.object({
  application: z.string().min(1),
  account: opt(z.string()),
  namespace: opt(z.string()),
  kind: opt(z.string()),
  name: opt(z.string()),
  timestamp: z.number(),
});
/** See {@link InfrastructureLiveEventSchema}. */
export type InfrastructureLiveEvent = z.infer<typeof InfrastructureLiveEventSchema>;

/**
 * The Redis pub/sub channels live events travel on, one per application (lower-cased, as gate
 * names applications): orca publishes execution events and clouddriver infrastructure events, gate
 * subscribes while a client streams that application. Pub/sub is fire-and-forget: nothing is kept
 * for a subscriber that is not there, which is what the no-replay rule above promises.
 */
export const LiveEventChannels = {
  prefix: 'genoa:live:',
  application: (application: string) => `genoa:live:${application.toLowerCase()}`,
} as const;

/** One message on a {@link LiveEventChannels} channel: the SSE event name and its data. */
export const LiveEventMessageSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal(LiveEventNames.execution), data: ExecutionLiveEventSchema }),
  z.object({ event: z.literal(LiveEventNames.infrastructure), data: InfrastructureLiveEventSchema }),
]);
/** See {@link LiveEventMessageSchema}. */
export type LiveEventMessage = z.infer<typeof LiveEventMessageSchema>;
