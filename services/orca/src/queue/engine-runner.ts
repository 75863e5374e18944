import type { EchoEvent, EngineMessage } from '@genoa/shared';
import { handlers } from './dispatch.js';
import type { BareContext, EngineDeps, HandlerContext } from './handler-context.js';

/** How the transport lets the runner re-deliver the message being handled. */
export interface Delivery {
  /** Re-deliver this same message after `delayMs` (BullMQ: move the job to delayed). */
  retryLater(delayMs: number): Promise<void>;
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

/** The lock-contention re-delivery delay: short, with jitter so contenders spread out. */
const contentionDelay = () => 5 + Math.floor(Math.random() * 20);

/**
 * Handles one engine message: takes the execution's lock and reads it, runs the handler, stores
 * the execution (fenced by the lock) if it changed, then sends the messages and events the
 * handler produced. A contended lock re-delivers the message shortly; a handler error leaves the
 * execution untouched and propagates (the transport retries the message).
 */
export async function processMessage(
  deps: EngineDeps,
  message: EngineMessage,
  delivery: Delivery,
): Promise<Outcome> {
  const pushes: Push[] = [];
  const events: EchoEvent[] = [];
  const outbox = {
    push: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'push' }),
    ensure: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'ensure' }),
    pushKeyed: (m: EngineMessage) => void pushes.push({ message: m, mode: 'keyed' }),
    emit: (event: EchoEvent) => void events.push(event),
  };
  const now = deps.clock.now();
  if (message.kind === 'startWaitingExecutions') {
    const log = deps.logger.child({ messageType: message.kind, pipelineConfigId: message.pipelineConfigId });
    const ctx: BareContext = { ...outbox, deps, now, log };
    await handlers.startWaitingExecutions.handle(message, ctx);
    await flush(deps, pushes, events);
    return 'handled';
  }
  const { lock, execution } = await deps.repository.lockAndGet(message.executionId);
  if (!lock) {
    await delivery.retryLater(contentionDelay());
    return 'contended';
  }
  const log = deps.logger.child({
    messageType: message.kind,
    executionId: message.executionId,
    application: message.application,
    stageId: 'stageId' in message ? message.stageId : undefined,
    taskId: 'taskId' in message ? message.taskId : undefined,
  });
  if (!execution) {
    await deps.repository.unlock(lock);
    log.warn({}, 'message names an unknown execution; ignored');
    return 'missing';
  }
  let dirty = false;
  let retryDelay: number | undefined;
  const ctx: HandlerContext = {
    ...outbox,
    deps,
    execution,
    now,
    log,
    changed: () => void (dirty = true),
    retryLater: (delayMs) => void (retryDelay = delayMs),
    checkpoint: async () => {
      await deps.repository.save(execution, lock);
      dirty = false;
    },
  };
  // A handler that waits on the outside world (a webhook call) keeps its lock alive.
  const renew = setInterval(() => void deps.repository.extend(lock).catch(() => false), LOCK_RENEW_MS);
  try {
    const handler = handlers[message.kind] as { handle(m: EngineMessage, c: HandlerContext): Promise<void> };
    await handler.handle(message, ctx);
  } catch (err) {
    await deps.repository.unlock(lock).catch(() => undefined);
    throw err;
  } finally {
    clearInterval(renew);
  }
  // The write and the handler's messages go out together on the same connection, write first:
  // Redis runs them in order, so a message is never visible before the state it announces, and
  // the lock is released by the same script that stores the execution.
  const write = dirty ? deps.repository.saveAndUnlock(execution, lock) : deps.repository.unlock(lock);
  await Promise.all([write, flush(deps, pushes, events)]);
  if (retryDelay !== undefined) await delivery.retryLater(retryDelay);
  return 'handled';
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
