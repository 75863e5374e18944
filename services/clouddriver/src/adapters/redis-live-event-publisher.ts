import { LiveEventChannels, LiveEventNames, type LiveEventMessage } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { Redis } from 'ioredis';
import { monikerOf } from '../domain/annotations.js';
import type { CachedObject } from '../domain/infrastructure.js';
import { handlerFor } from '../kinds/index.js';
import type { LiveCache } from './live-cache.js';

/** How long changes are gathered (and repeats of one object folded) before they are published. */
const WINDOW_MS = 100;

/**
 * Publishes the cache's changes as `infrastructure` live events on each application's channel (for
 * gate's Server-Sent Events). The application is the object's moniker; objects without one are not
 * published. Changes are gathered for {@link WINDOW_MS} and one event per object is sent, so a
 * rollout's burst of pod updates costs a few messages; returns a function that stops publishing.
 */
export function publishInfrastructureEvents(cache: LiveCache, redis: Redis, logger: Logger): () => void {
  const pending = new Map<string, LiveEventMessage>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const pipeline = redis.pipeline();
    for (const message of pending.values())
      pipeline.publish(LiveEventChannels.application(message.data.application), JSON.stringify(message));
    pending.clear();
    pipeline.exec().catch((err: unknown) => logger.warn({ err }, 'live events could not be published'));
  };
  const onChange = (change?: CachedObject) => {
    if (!change) return;
    const { account, object } = change;
    const kind = handlerFor(object.kind ?? '').spinnakerKind;
    const application = monikerOf(object, kind)?.app;
    if (!application) return;
    const { namespace, name } = object.metadata ?? {};
    pending.set(`${account}/${namespace ?? ''}/${kind}/${name ?? ''}`, {
      event: LiveEventNames.infrastructure,
      data: { application, account, namespace, kind, name, timestamp: Date.now() },
    });
    timer ??= setTimeout(flush, WINDOW_MS);
  };
  const stop = cache.onChange(onChange);
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
