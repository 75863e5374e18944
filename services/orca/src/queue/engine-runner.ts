import type { EchoEvent, EngineMessage, PipelineExecution } from '@genoa/shared';
import type { Logger } from 'pino';
import { stageById } from '../domain/graph.js';
import { handlers } from './dispatch.js';
import type { BareContext, EngineDeps, HandlerContext } from './handler-context.js';

/** How the transport lets the runner re-deliver the message being handled. */
export interface Delivery {
  /** Re-deliver this same message after `delayMs` (BullMQ: move the job to delayed). */
  retryLater(delayMs: number): Promise<void>;
  /** True when this delivery retries one that failed: its follow-ups are then all queued. */
  readonly retry?: boolean;
}

/** What happened to a message. */
export type Outcome = 'handled' | 'contended' | 'missing';

/** A message a handler sends: plainly, keyed after a look-up (ensure), or keyed without one. */
interface Push {
  message: EngineMessage;
  delayMs?: number;
  mode: 'push' | 'ensure' | 'keyed';
}

/** How often a running handler extends its execution lock. */
const LOCK_RENEW_MS = 1_000;

/** Follow-up messages are handled in-process only while the chain is younger than this. */
const INLINE_MAX_MS = 50;

/** The lock-contention re-delivery delay: short, with jitter so contenders spread out. */
const contentionDelay = () => 5 + Math.floor(Math.random() * 20);

/**
 * Handles one engine message: takes the execution's lock and reads it, runs the handler, stores
 * the execution (fenced by the lock) if it changed, then sends the messages and events the
 * handler produced. A contended lock re-delivers the message shortly; a handler error leaves the
 * execution untouched and propagates (the transport retries the message).
 *
 * Follow-ups handled in-process: when a handler sends exactly one immediate message for the same
 * execution (startStage → startTask → runTask → completeTask → completeStage → next startStage …),
 * it is handled right away under the same lock on the execution already in memory, up to
 * `settings.inlineMessages` follow-ups or {@link INLINE_MAX_MS}; the chain is stored once, with
 * the last handler's messages. Nothing is stored before the chain ends, so a crash mid-chain
 * leaves the state the delivered message found, and BullMQ's re-delivery replays the chain
 * (handlers are idempotent). A runTask of a side-effecting task is always queued (its attempt is
 * recorded before it acts), as is one keyed by stored stage state (a replay would re-key it). A failure anywhere in the chain fails the delivered message; its
 * retry queues every follow-up, so a failing follow-up retries and dead-letters on its own.
 */
export async function processMessage(
  deps: EngineDeps,
  message: EngineMessage,
  delivery: Delivery,
  observe?: (kind: EngineMessage['kind']) => void,
): Promise<Outcome> {
  let pushes: Push[] = [];
  const events: EchoEvent[] = [];
  const outbox = {
    push: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'push' }),
    ensure: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'ensure' }),
    pushKeyed: (m: EngineMessage) => void pushes.push({ message: m, mode: 'keyed' }),
    emit: (event: EchoEvent) => void events.push(event),
  };
  if (message.kind === 'startWaitingExecutions') {
    const log = deps.logger.child({ messageType: message.kind, pipelineConfigId: message.pipelineConfigId });
    const ctx: BareContext = { ...outbox, deps, now: deps.clock.now(), log };
    await handlers.startWaitingExecutions.handle(message, ctx);
    await flush(deps, pushes, events);
    return 'handled';
  }
  const { lock, execution } = await deps.repository.lockAndGet(message.executionId);
  if (!lock) {
    await delivery.retryLater(contentionDelay());
    return 'contended';
  }
  const baseLog = deps.logger.child({ executionId: message.executionId, application: message.application });
  if (!execution) {
    await deps.repository.unlock(lock);
    baseLog.warn({ messageType: message.kind }, 'message names an unknown execution; ignored');
    return 'missing';
  }
  const budget = delivery.retry === true ? 0 : deps.settings.inlineMessages;
  const started = performance.now();
  let dirty = false;
  let retryDelay: number | undefined;
  let current: EngineMessage = message;
  let inline: Push | undefined; // the follow-up being handled in-process (undefined: the delivered one)
  let stepEvents = 0; // where the events of the handler being run start
  // A handler that waits on the outside world (a webhook call) keeps its lock alive.
  const renew = setInterval(() => void deps.repository.extend(lock).catch(() => false), LOCK_RENEW_MS);
  try {
    for (let followUps = 0; ; followUps += 1) {
      pushes = [];
      retryDelay = undefined;
      const ctx = handlerContext(baseLog, current, {
        ...outbox,
        deps,
        execution,
        now: deps.clock.now(),
        changed: () => void (dirty = true),
        retryLater: (delayMs) => void (retryDelay = delayMs),
        checkpoint: async () => {
          if (inline) throw new Error(`${current.kind} cannot checkpoint in-process`);
          await deps.repository.save(execution, lock);
          dirty = false;
        },
      });
      const handler = handlers[current.kind] as {
        handle(m: EngineMessage, c: HandlerContext): Promise<void>;
      };
      await handler.handle(current, ctx);
      if (inline) observe?.(current.kind);
      if (followUps >= budget || performance.now() - started > INLINE_MAX_MS) break;
      const next = followUp(deps, execution, pushes, retryDelay);
      if (!next) break;
      // events share objects with the execution the next handler changes: keep them as they are now
      for (let i = stepEvents; i < events.length; i += 1) events[i] = structuredClone(events[i]!);
      stepEvents = events.length;
      inline = next;
      current = next.message;
    }
  } catch (err) {
    await deps.repository.unlock(lock).catch(() => undefined);
    if (inline) baseLog.warn({ err, messageType: current.kind }, 'in-process follow-up failed');
    throw err;
  } finally {
    clearInterval(renew);
  }
  if (inline && retryDelay !== undefined) {
    // A follow-up's back-off (a RUNNING task): it was never a job, so it is queued keyed.
    pushes.push({ message: inline.message, delayMs: retryDelay, mode: 'ensure' });
    retryDelay = undefined;
  }
  // The write and the handler's messages go out together on the same connection, write first:
  // Redis runs them in order, so a message is never visible before the state it announces, and
  // the lock is released by the same script that stores the execution.
  const write = dirty ? deps.repository.saveAndUnlock(execution, lock) : deps.repository.unlock(lock);
  await Promise.all([write, flush(deps, pushes, events)]);
  if (retryDelay !== undefined) await delivery.retryLater(retryDelay);
  return 'handled';
}

/** A handler context whose logger (with the message's ids) is made only if the handler logs. */
function handlerContext(
  baseLog: Logger,
  message: EngineMessage,
  fields: Omit<HandlerContext, 'log'>,
): HandlerContext {
  let log: Logger | undefined;
  return Object.defineProperty(fields, 'log', {
    get: () =>
      (log ??= baseLog.child({
        messageType: message.kind,
        stageId: 'stageId' in message ? message.stageId : undefined,
        taskId: 'taskId' in message ? message.taskId : undefined,
      })),
  }) as HandlerContext;
}

/**
 * The message to handle in-process next: the only one sent, immediate, for this execution, and
 * not the run of a side-effecting task.
 */
function followUp(
  deps: EngineDeps,
  execution: PipelineExecution,
  pushes: Push[],
  retryDelay?: number,
): Push | undefined {
  if (retryDelay !== undefined || pushes.length !== 1) return undefined;
  const [p] = pushes as [Push];
  const m = p.message;
  if (p.mode === 'ensure' || (p.delayMs ?? 0) > 0 || m.kind === 'startWaitingExecutions') return undefined;
  if (m.executionId !== execution.id) return undefined;
  if (m.kind === 'runTask') {
    const task = stageById(execution, m.stageId)?.tasks?.find((t) => t.id === m.taskId);
    const definition = deps.tasks.resolve(task?.implementingClass);
    if (definition?.sideEffects || definition?.keyedByStoredState) return undefined;
  }
  return p;
}

/** Sends the handler's messages and events (after its write is stored). */
async function flush(deps: EngineDeps, pushes: Push[], events: EchoEvent[]): Promise<void> {
  const send = (p: Push) =>
    p.mode === 'ensure'
      ? deps.queue.ensure(p.message, p.delayMs)
      : p.mode === 'keyed'
        ? deps.queue.pushKeyed(p.message, p.delayMs)
        : deps.queue.push(p.message, p.delayMs);
  await Promise.all([...pushes.map(send), events.length > 0 ? deps.events.publish(events) : undefined]);
}

/**
 * The message to send when a message has failed too often (Orca's DeadMessageHandler): a stage or
 * task message aborts its stage; an execution message cancels the execution, so nothing is left
 * RUNNING forever.
 */
export function deadLetterFor(message: EngineMessage): EngineMessage | undefined {
  if (message.kind === 'startWaitingExecutions') return undefined;
  const level = {
    executionType: message.executionType,
    executionId: message.executionId,
    application: message.application,
  };
  if ('stageId' in message) return { kind: 'abortStage', ...level, stageId: message.stageId };
  return {
    kind: 'cancelExecution',
    ...level,
    user: 'spinnaker',
    reason: `The engine could not process ${message.kind} after repeated attempts`,
  };
}
