import type { EngineMessage } from '@genoa/shared';
import type { EngineQueue } from '../ports.js';
import { keyedJobId } from './bullmq-engine-queue.js';

/** A pushed message and when it becomes due. */
export interface QueuedMessage {
  message: EngineMessage;
  dueAt: number;
  key?: string;
}

/** An in-memory {@link EngineQueue} for unit tests: records pushes; tests pop and run them. */
export class MemoryEngineQueue implements EngineQueue {
  readonly messages: QueuedMessage[] = [];
  constructor(private readonly now: () => number = Date.now) {}

  async push(message: EngineMessage, delayMs = 0): Promise<void> {
    this.messages.push({ message, dueAt: this.now() + delayMs });
  }
  async ensure(message: EngineMessage, delayMs = 0): Promise<void> {
    const key = keyedJobId(message);
    const existing = key ? this.messages.find((m) => m.key === key) : undefined;
    if (existing) existing.dueAt = Math.min(existing.dueAt, this.now() + delayMs);
    else this.messages.push({ message, dueAt: this.now() + delayMs, key });
  }
  async pushKeyed(message: EngineMessage, delayMs = 0): Promise<void> {
    return this.ensure(message, delayMs);
  }
  async hasPending(message: EngineMessage): Promise<boolean> {
    const key = keyedJobId(message);
    return key !== undefined && this.messages.some((m) => m.key === key);
  }
  /** Removes and returns the message due first (ties: push order), if any. */
  pop(): QueuedMessage | undefined {
    if (this.messages.length === 0) return undefined;
    let best = 0;
    this.messages.forEach((m, i) => {
      if (m.dueAt < this.messages[best]!.dueAt) best = i;
    });
    return this.messages.splice(best, 1)[0];
  }
  /** The kinds of queued messages, in order (for assertions). */
  kinds(): string[] {
    return this.messages.map((m) => m.message.kind);
  }
  clear(): void {
    this.messages.length = 0;
  }
}
