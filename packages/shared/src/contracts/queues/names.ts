/**
 * BullMQ queues of the suite. Names are kebab-case without `:` (BullMQ forbids it). Each queue's
 * key prefix is a Redis Cluster hash tag naming its owner, so all of a queue's keys share a slot.
 */
export const QueueName = {
  /** orca's engine messages (startStage, runTask, …), consumed by orca workers. */
  orcaEngine: 'orca-engine',
  /** Requests to start a pipeline, from echo and gate; accepted once enqueued. */
  orcaPipelineRequests: 'orca-pipeline-requests',
  /** Events for echo: orca lifecycle events, igor build events, gate webhook events. */
  echoEvents: 'echo-events',
} as const;
/** See {@link QueueName}. */
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** The BullMQ `prefix` of each queue: a hash tag of the owning service. */
export const queuePrefix: Readonly<Record<QueueName, string>> = Object.freeze({
  'orca-engine': '{orca}',
  'orca-pipeline-requests': '{orca}',
  'echo-events': '{echo}',
});
