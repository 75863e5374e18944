import { LiveEventChannels, LiveEventMessageSchema, type LiveEventMessage } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { Redis } from 'ioredis';

/** Receives the live events of one application. */
export type LiveListener = (message: LiveEventMessage) => void;

/**
 * Fans live events out from one Redis subscriber connection to every open stream: the channel of
 * an application is SUBSCRIBEd while at least one stream watches it and UNSUBSCRIBEd when the last
 * one leaves. Commands on one connection run in order, so a subscribe racing an unsubscribe ends
 * in the state of the last call; ioredis re-subscribes by itself after a reconnect (events sent
 * while disconnected are lost, as the contract says).
 */
export class LiveEventHub {
  private readonly channels = new Map<string, { listeners: Set<LiveListener>; ready: Promise<unknown> }>();

  constructor(
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    /** A regular connection for {@link publish} (a subscriber connection cannot PUBLISH). */
    private readonly publisher?: Redis,
  ) {
    subscriber.on('message', (channel: string, raw: string) => this.dispatch(channel, raw));
  }

  private dispatch(channel: string, raw: string): void {
    const entry = this.channels.get(channel);
    if (!entry) return;
    let message: LiveEventMessage;
    try {
      message = LiveEventMessageSchema.parse(JSON.parse(raw));
    } catch (err) {
      this.logger.warn({ err, channel }, 'ignored a malformed live event');
      return;
    }
    for (const listener of entry.listeners) listener(message);
  }

  /** Starts delivering `application`'s events to `listener`; resolves once subscribed, with the stop function. */
  async subscribe(application: string, listener: LiveListener): Promise<() => Promise<void>> {
    const channel = LiveEventChannels.application(application);
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), ready: this.subscriber.subscribe(channel) };
      this.channels.set(channel, entry);
    }
    entry.listeners.add(listener);
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      const current = this.channels.get(channel);
      if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
      this.channels.delete(channel);
      await this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
    try {
      await entry.ready;
    } catch (err) {
      await stop();
      throw err;
    }
    return stop;
  }

  /** Publishes a change gate itself made (pause, resume, a stage patch…) to every gate's streams; best effort. */
  publish(message: LiveEventMessage): void {
    this.publisher
      ?.publish(LiveEventChannels.application(message.data.application), JSON.stringify(message))
      .catch((err: unknown) => this.logger.warn({ err }, 'live event could not be published'));
  }

  /** How many applications are subscribed, and how many listeners in all. */
  stats(): { applications: number; listeners: number } {
    let listeners = 0;
    for (const entry of this.channels.values()) listeners += entry.listeners.size;
    return { applications: this.channels.size, listeners };
  }

  /** Closes the subscriber connection. */
  close(): void {
    this.channels.clear();
    this.subscriber.disconnect();
  }
}
