import { dockerEvent, type DockerEventContent, type TaggedImage } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { EventPublisher } from '../adapters/echo-publisher.js';
import { defineMonitor } from './define-monitor.js';
import type { DockerImageSource } from './docker-clouddriver.js';
import { DockerTagStore } from './docker-tag-store.js';

/** One image of an account that changed since the last poll. */
export interface ImageDelta {
  image: TaggedImage;
  /** False when only the cursor moves (baseline, or a digest seen for the first time). */
  sendEvent: boolean;
}

/** What the docker monitor needs. */
export interface DockerMonitorDeps {
  images: DockerImageSource;
  store: DockerTagStore;
  publisher: EventPublisher;
  logger: Logger;
  threshold: number;
}

/** The docker event content of a tagged image. */
const contentOf = (i: TaggedImage): DockerEventContent => ({
  account: i.account,
  registry: i.registry,
  repository: i.repository,
  tag: i.tag,
  ...(i.digest ? { digest: i.digest } : {}),
});

/**
 * Igor's DockerMonitor (`dockerTagMonitor`): per Docker Registry account (learnt from clouddriver),
 * the tags and digests clouddriver reports are compared with the cursors in Redis. A new tag, or a
 * tag whose digest changed, is sent to echo once as a `docker` event whose id is derived from
 * account, repository, tag and digest — the id gate's push intake gives the same push, so poll and
 * push start one pipeline. The first poll of an account is a baseline: cursors only, no events.
 */
export const dockerMonitor = (deps: DockerMonitorDeps) =>
  defineMonitor<ImageDelta>({
    name: 'dockerTagMonitor',
    partitions: () => deps.images.accounts(),
    threshold: () => deps.threshold,
    eventCount: (delta) => delta.filter((d) => d.sendEvent).length,

    async generateDelta(account) {
      const [images, seen] = await Promise.all([deps.images.images(account), deps.store.seen(account)]);
      return images.flatMap((image): ImageDelta[] => {
        if (!seen) return [{ image, sendEvent: false }];
        const last = seen.get(DockerTagStore.field(image.repository, image.tag));
        if (last === undefined) return [{ image, sendEvent: true }];
        const digest = image.digest ?? '';
        if (last === digest) return [];
        // A digest seen for the first time (tracking just started) moves the cursor silently.
        return [{ image, sendEvent: last !== '' && digest !== '' }];
      });
    },

    async commitDelta(account, delta, { sendEvents }) {
      let eventsSent = 0;
      for (const d of delta) {
        if (!d.sendEvent || !sendEvents) continue;
        const event = await dockerEvent(contentOf(d.image), 'igor');
        await deps.publisher.publish(event);
        eventsSent += 1;
        deps.logger.info(
          {
            account,
            repository: d.image.repository,
            tag: d.image.tag,
            digest: d.image.digest,
            eventId: event.eventId,
          },
          'docker event sent',
        );
      }
      // Cursors move after the events: a crash in between re-sends the same event ids, which echo drops.
      await deps.store.record(
        account,
        delta.map((d) => d.image),
      );
      return { eventsSent, cursorsMoved: delta.length };
    },
  });
