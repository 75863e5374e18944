import type { EchoEvent, EngineMessage, PipelineExecution } from '@genoa/shared';
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

/** Follow-up messages are handled in-process only while the chain is younger than this. */
const INLINE_MAX_MS = 50;

/** The lock-contention re-delivery delay: short, with jitter so contenders spread out. */
const contentionDelay = () => 5 + Math.floor(Math.random() * 20);

/** Thrown by `checkpoint` in an in-process follow-up: it must run as a queued message instead. */
class NeedsDelivery extends Error {}

/**
 * Handles one engine message: takes the execution's lock and reads it, runs the handler, stores
 * the execution (fenced by the lock) if it changed, then sends the messages and events the
 * handler produced. A contended lock re-delivers the message shortly; a handler error leaves the
 * execution untouched and propagates (the transport retries the message).
 *
 * Follow-ups handled in-process: when a handler sends exactly one immediate message for the same
 * execution (startStage → startTask → runTask → completeTask → completeStage → next startStage …),
 * it is handled right away under the same lock on the execution already in memory, up to
 * `settings.inlineMessages` follow-ups or {@link INLINE_MAX_MS}. Nothing is stored until the chain
 * ends, so a crash mid-chain leaves the state of the delivered message, which BullMQ re-delivers
 * and the chain replays (handlers are idempotent). A follow-up that fails, or that needs a
 * checkpoint before a side effect, is rolled back to the state before it and queued instead, so
 * its retries, dead-lettering and attempt records work as for any queued message.
 */
export async function processMessage(
  deps: EngineDeps,
  message: EngineMessage,
  delivery: Delivery,
  observe?: (kind: EngineMessage['kind']) => void,
): Promise<Outcome> {
  let pushes: Push[] = [];
  const events: EchoEvent[] = [];
  const outbox = (sink: EchoEvent[]) => ({
    push: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'push' }),
    ensure: (m: EngineMessage, delayMs?: number) => void pushes.push({ message: m, delayMs, mode: 'ensure' }),
    pushKeyed: (m: EngineMessage) => void pushes.push({ message: m, mode: 'keyed' }),
    emit: (event: EchoEvent) => void sink.push(event),
  });
  if (message.kind === 'startWaitingExecutions') {
    const log = deps.logger.child({ messageType: message.kind, pipelineConfigId: message.pipelineConfigId });
    const ctx: BareContext = { ...outbox(events), deps, now: deps.clock.now(), log };
    await handlers.startWaitingExecutions.handle(message, ctx);
    await flush(deps, pushes, events);
    return 'handled';
  }
  const { lock, execution: loaded } = await deps.repository.lockAndGet(message.executionId);
  if (!lock) {
    await delivery.retryLater(contentionDelay());
    return 'contended';
  }
  const baseLog = deps.logger.child({ executionId: message.executionId, application: message.application });
  if (!loaded) {
    await deps.repository.unlock(lock);
    baseLog.warn({ messageType: message.kind }, 'message names an unknown execution; ignored');
    return 'missing';
  }
  let execution = loaded;
  let dirty = false;
  let retryDelay: number | undefined;
  let current: EngineMessage = message;
  let inline: Push | undefined; // the follow-up being handled in-process (undefined: the delivered one)
  const chainStart = performance.now();
  // A handler that waits on the outside world (a webhook call) keeps its lock alive.
  const renew = setInterval(() => void deps.repository.extend(lock).catch(() => false), LOCK_RENEW_MS);
  try {
    for (let followUps = 0; ; followUps += 1) {
      const snapshot = inline ? { json: JSON.stringify(execution), dirty } : undefined;
      const stepEvents: EchoEvent[] = [];
      pushes = [];
      retryDelay = undefined;
      const ctx: HandlerContext = {
        ...outbox(stepEvents),
        deps,
        execution,
        now: deps.clock.now(),
        log: baseLog.child({
          messageType: current.kind,
          stageId: 'stageId' in current ? current.stageId : undefined,
          taskId: 'taskId' in current ? current.taskId : undefined,
        }),
        changed: () => void (dirty = true),
        retryLater: (delayMs) => void (retryDelay = delayMs),
        checkpoint: async () => {
          if (inline) throw new NeedsDelivery();
          await deps.repository.save(execution, lock);
          dirty = false;
        },
      };
      try {
        const handler = handlers[current.kind] as {
          handle(m: EngineMessage, c: HandlerContext): Promise<void>;
        };
        await handler.handle(current, ctx);
      } catch (err) {
        if (!inline || !snapshot) throw err;
        // Roll the follow-up back and queue it: it then fails, retries and dead-letters on its own.
        if (!(err instanceof NeedsDelivery))
          ctx.log.warn({ err }, 'engine message failed in-process; queued for retry');
        execution = JSON.parse(snapshot.json) as PipelineExecution;
        dirty = snapshot.dirty;
        pushes = [inline];
        retryDelay = undefined;
        break;
      }
      events.push(...stepEvents);
      if (inline) observe?.(current.kind);
      const next = followUp(execution, pushes, retryDelay);
      if (!next || followUps >= deps.settings.inlineMessages) break;
      if (performance.now() - chainStart > INLINE_MAX_MS) break;
      inline = next;
      current = next.message;
    }
  } catch (err) {
    await deps.repository.unlock(lock).catch(() => undefined);
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

/** The message to handle in-process next: the only one sent, immediate, for this execution. */
function followUp(execution: PipelineExecution, pushes: Push[], retryDelay?: number): Push | undefined {
  if (retryDelay !== undefined || pushes.length !== 1) return undefined;
  const [p] = pushes as [Push];
  if (p.mode === 'ensure' || (p.delayMs ?? 0) > 0 || p.message.kind === 'startWaitingExecutions')
    return undefined;
  return p.message.executionId === execution.id ? p : undefined;
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
