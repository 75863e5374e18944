import type { EchoEvent, EngineMessage, EngineMessageKind, PipelineExecution } from '@genoa/shared';
import type { Logger } from 'pino';
import type {
  Clock,
  EngineQueue,
  EventPublisher,
  ExecutionRepository,
  ExpressionEvaluator,
  TaskServices,
} from '../ports.js';
import type { StageRegistry, TaskRegistry } from '../stages/define-stage.js';

/** Everything handlers need from the outside world. */
export interface EngineDeps {
  repository: ExecutionRepository;
  queue: EngineQueue;
  events: EventPublisher;
  clock: Clock;
  logger: Logger;
  stages: StageRegistry;
  tasks: TaskRegistry;
  services: TaskServices;
  expressions: ExpressionEvaluator;
  settings: {
    windowTimeZone: string;
    /** Follow-up messages a worker handles in-process after a delivered one (0 = queue them all). */
    inlineMessages: number;
  };
}

/** Messages and events a handler produces; sent only after its write is stored. */
export interface Outbox {
  push(message: EngineMessage, delayMs?: number): void;
  /** A keyed runTask: de-duplicated, moved to `delayMs` if already queued. */
  ensure(message: EngineMessage, delayMs?: number): void;
  /** A keyed runTask for a task that just started (nothing can be queued for it yet). */
  pushKeyed(message: EngineMessage): void;
  emit(event: EchoEvent): void;
}

/** What a handler of an execution-level message gets: the execution, read under its lock. */
export interface HandlerContext extends Outbox {
  deps: EngineDeps;
  execution: PipelineExecution;
  now: number;
  log: Logger;
  /** Marks the execution changed, so it is stored when the handler returns. */
  changed(): void;
  /** Re-delivers the message being handled after `delayMs` (a RUNNING task's back-off). */
  retryLater(delayMs: number): void;
  /** Stores the execution now, keeping the lock (records a task attempt before a side effect). */
  checkpoint(): Promise<void>;
}

/** What a handler of a message without an execution (startWaitingExecutions) gets. */
export interface BareContext extends Outbox {
  deps: EngineDeps;
  now: number;
  log: Logger;
}

/** The message of one kind. */
export type MessageOf<K extends EngineMessageKind> = Extract<EngineMessage, { kind: K }>;

/** A handler for one message kind (STYLE §7.5: re-read, guard, decide, store, push). */
export type Handler<K extends EngineMessageKind> = K extends 'startWaitingExecutions'
  ? { scope: 'bare'; handle(message: MessageOf<K>, ctx: BareContext): Promise<void> }
  : { scope: 'execution'; handle(message: MessageOf<K>, ctx: HandlerContext): Promise<void> };
