import type {
  ClusterView,
  EchoEvent,
  Identity,
  JobStatus,
  KatoTask,
  ManifestCoordinates,
  ManifestView,
  OperationsRequest,
  TaskReference,
  EngineMessage,
  ExecutionType,
  PipelineExecution,
  StageExecution,
} from '@genoa/shared';
import type { Logger } from 'pino';

/** The time source; tests pass a fixed or advancing clock (orca's MutableClock). */
export interface Clock {
  now(): number;
}

/** How listing queries select executions. */
export interface ExecutionQuery {
  statuses?: readonly string[];
  limit?: number;
}

/** A write made under an execution's lock; `token` fences it (a stale holder's write is refused). */
export interface ExecutionLock {
  readonly executionId: string;
  readonly token: string;
}

/** Where executions live (Redis in production, memory in unit tests). */
export interface ExecutionRepository {
  /** Stores a new execution; false if its id exists. Sets `correlationKey` → id when given and new. */
  create(execution: PipelineExecution, correlationKey?: string): Promise<boolean>;
  get(id: string): Promise<PipelineExecution | undefined>;
  /** The execution started for a correlation key (child pipelines, start requests). */
  findByCorrelation(correlationKey: string): Promise<string | undefined>;
  /** Takes the execution's lock (waiting up to `waitMs`) and reads it; undefined lock = contended. */
  lockAndGet(id: string, waitMs?: number): Promise<{ lock?: ExecutionLock; execution?: PipelineExecution }>;
  /** Stores the execution and releases the lock atomically; throws ConflictError if the lock was lost. */
  saveAndUnlock(execution: PipelineExecution, lock: ExecutionLock): Promise<void>;
  /** Stores the execution keeping the lock (a checkpoint before a side effect); fenced like saveAndUnlock. */
  save(execution: PipelineExecution, lock: ExecutionLock): Promise<void>;
  /** Extends a held lock by its TTL (a long handler stays the holder); false if it was lost. */
  extend(lock: ExecutionLock): Promise<boolean>;
  /** Releases without writing. */
  unlock(lock: ExecutionLock): Promise<void>;
  /** Ids of an application's executions of a type, newest first. */
  listByApplication(application: string, type: ExecutionType, query?: ExecutionQuery): Promise<string[]>;
  /** Ids of a pipeline config's executions, newest first. */
  listByPipelineConfig(configId: string, query?: ExecutionQuery): Promise<string[]>;
  getMany(ids: readonly string[]): Promise<PipelineExecution[]>;
  /** Ids of the config's RUNNING executions. */
  runningForConfig(configId: string): Promise<string[]>;
  delete(id: string): Promise<void>;
  /** Non-complete executions with no write since `before` (oldest first). */
  idleSince(before: number, limit: number): Promise<string[]>;
  /** Marks the execution active now (the reconciler touched it). */
  touch(id: string, at: number): Promise<void>;
  /** Executions parked by concurrency limits, oldest first. */
  pendingList(configId: string): Promise<string[]>;
  addPending(configId: string, executionId: string, score: number): Promise<void>;
  removePending(configId: string, executionId: string): Promise<void>;
  /** Deletes completed executions past the retention rules; returns how many went. */
  sweep(options: { completedBefore: number; maxPerConfig: number; batch: number }): Promise<number>;
}

/** Engine messages out: push now or later. */
export interface EngineQueue {
  /** Delivers `message` after `delayMs` (at least once). */
  push(message: EngineMessage, delayMs?: number): Promise<void>;
  /**
   * Delivers a runTask keyed by its task: if one is already waiting or delayed, it is moved to run
   * after `delayMs` instead of adding a second one (Keiko's de-duplication).
   */
  ensure(message: EngineMessage, delayMs?: number): Promise<void>;
  /** Adds a keyed runTask that cannot be queued yet (its task just started): no look-up first. */
  pushKeyed(message: EngineMessage, delayMs?: number): Promise<void>;
  /** True if a keyed message (runTask) for this task is queued or delayed. */
  hasPending(message: EngineMessage): Promise<boolean>;
}

/** Orca lifecycle events out (to echo). */
export interface EventPublisher {
  publish(events: readonly EchoEvent[]): Promise<void>;
}

/** A failed expression, as `expressionEvaluationSummary` records it. */
export interface ExpressionFailure {
  description: string;
  exceptionType: string | null;
  timestamp: number;
  level: 'ERROR' | 'INFO';
}

/** Escaped expression → failures (Spinnaker's expressionEvaluationSummary). */
export type ExpressionSummary = Record<string, ExpressionFailure[]>;

/**
 * What expressions see: the stage's context with ancestor outputs, `trigger`, `parameters` and
 * `execution` (or only the execution's when no stage is given), plus `extra` root keys.
 */
export interface EvaluationScope {
  execution: PipelineExecution;
  stage?: StageExecution;
  /** Root keys added on top (evaluateVariables: the variables evaluated so far). */
  extra?: Record<string, unknown>;
}

/** The SpEL evaluator orca uses (the `@genoa/expressions` package or the minimal adapter). */
export interface ExpressionEvaluator {
  /** Evaluates every `${…}` in a JSON tree; failures leave the text and are summarised. */
  evaluateTree(
    value: unknown,
    scope: EvaluationScope,
    now: number,
  ): Promise<{ value: unknown; summary: ExpressionSummary }>;
  /** Evaluates one bare expression (stageEnabled, preconditions). */
  evaluateExpression(
    expression: string,
    scope: EvaluationScope,
    now: number,
  ): Promise<{ value: unknown; summary: ExpressionSummary }>;
}

/** An HTTP response as tasks see it. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Outbound HTTP for webhook stages, behind the URL guard. */
export interface HttpFetcher {
  request(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<HttpResponse>;
}

/** The front50 calls orca makes (edge.md §3.4). */
export interface Front50 {
  getApplication(name: string): Promise<Record<string, unknown> | undefined>;
  createApplication(app: Record<string, unknown>): Promise<void>;
  updateApplication(name: string, app: Record<string, unknown>): Promise<void>;
  deleteApplication(name: string): Promise<void>;
  updatePermissions(name: string, permissions: Record<string, unknown>): Promise<void>;
  deletePermissions(name: string): Promise<void>;
  savePipeline(pipeline: Record<string, unknown>, staleCheck: boolean): Promise<Record<string, unknown>>;
  savePipelines(pipelines: Record<string, unknown>[], staleCheck: boolean): Promise<Record<string, unknown>>;
  updatePipeline(id: string, pipeline: Record<string, unknown>): Promise<Record<string, unknown>>;
  deletePipeline(application: string, name: string): Promise<void>;
  getPipeline(id: string): Promise<Record<string, unknown> | undefined>;
  /** Pipeline configs of an application (for listings and pipeline triggers). */
  listPipelines(application: string): Promise<Record<string, unknown>[]>;
  /** Pipelines with an enabled `pipeline` trigger on `configId` for `status`. */
  pipelinesTriggeredBy(configId: string, status: string): Promise<Record<string, unknown>[]>;
}

/** The clouddriver calls orca's manifest stages make (engine.md §5.9); 404s are `undefined`. */
export interface Clouddriver {
  /** Submits operations (`POST /{cloudProvider}/ops`) as `identity`; the task to poll. */
  submit(operations: OperationsRequest, cloudProvider?: string, identity?: Identity): Promise<TaskReference>;
  getTask(id: string): Promise<KatoTask | undefined>;
  getManifest(account: string, location: string, name: string): Promise<ManifestView | undefined>;
  /** Manifests of a kind in an application's cluster (coordinates). */
  clusterManifests(
    account: string,
    location: string,
    kind: string,
    app: string,
    cluster: string,
  ): Promise<ManifestCoordinates[]>;
  /** The cluster member chosen by a criteria (`newest`, `oldest`, …). */
  dynamicTarget(
    account: string,
    location: string,
    kind: string,
    app: string,
    cluster: string,
    criteria: string,
  ): Promise<ManifestCoordinates | undefined>;
  getJob(app: string, account: string, location: string, name: string): Promise<JobStatus | undefined>;
  /** Container logs of a pod, by container name. */
  getConsole(account: string, location: string, podName: string): Promise<Record<string, string>>;
  getCluster(
    app: string,
    account: string,
    cluster: string,
    cloudProvider?: string,
  ): Promise<ClusterView | undefined>;
}

/** igor's answer to a build request: the queue item, or "the same request is still in flight" (202). */
export type IgorBuildOutcome = { queuedBuild: string } | { pending: true };

/** The igor calls orca's CI stages make (edge.md §5.3). */
export interface Igor {
  /** `PUT /masters/{master}/jobs/{job}`: queues the job; igor de-duplicates on (execution, startTime, params). */
  build(
    master: string,
    job: string,
    parameters: Record<string, string>,
    dedupe: { executionId: string; startTime: string },
  ): Promise<IgorBuildOutcome>;
  /** `GET /builds/queue/{master}/{item}`: the build number once the queue item has become a build. */
  queuedBuildNumber(master: string, queuedBuild: string): Promise<number | undefined>;
  /** `GET /builds/status/{n}/{master}/{job}`: igor's GenericBuild. */
  buildStatus(master: string, job: string, buildNumber: number): Promise<Record<string, unknown>>;
  /** `GET /builds/properties/{n}/{file}/{master}/{job}`: the parsed property file. */
  properties(
    master: string,
    job: string,
    buildNumber: number,
    file: string,
  ): Promise<Record<string, unknown>>;
  /** `PUT …/stop/{queuedBuild}/{buildNumber}`: stops the build (0 = cancel the queue item). */
  stop(master: string, job: string, queuedBuild: string, buildNumber: number): Promise<void>;
}

/** Collaborators every task may use. */
export interface TaskServices {
  clock: Clock;
  logger: Logger;
  front50: Front50;
  clouddriver: Clouddriver;
  /** igor (jenkins stage). */
  igor: Igor;
  http: HttpFetcher;
  expressions: ExpressionEvaluator;
  /** Starts a pipeline execution from a config (pipeline stage); returns the execution id. */
  startPipeline(request: StartPipelineRequest): Promise<string>;
  /** Reads another execution (monitorPipeline). */
  getExecution(id: string): Promise<PipelineExecution | undefined>;
  /** Publishes echo events (manual judgment notifications). */
  publishEvents(events: readonly EchoEvent[]): Promise<void>;
  /** Time zone of execution windows. */
  windowTimeZone: string;
  /** Asks an execution to cancel (pipeline stage cancel). */
  cancelExecution(id: string, application: string, user: string, reason: string): Promise<void>;
}

/** What is needed to start a pipeline execution. */
export interface StartPipelineRequest {
  pipeline: Record<string, unknown>;
  trigger: Record<string, unknown>;
  user?: string;
  /** The accounts `user` may use, from the signed identity; the execution's `allowedAccounts`. */
  accounts?: readonly string[];
  origin?: string;
  /** Idempotency: a second start with the same key returns the first execution. */
  correlationKey?: string;
}
