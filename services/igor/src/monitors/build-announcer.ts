import type { EchoEvent } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { EventPublisher } from '../adapters/echo-publisher.js';
import type { RedisBuildStore } from '../adapters/build-store.js';
import { toEventBuild, type JenkinsBuild } from '../domain/build.js';
import { buildEventId } from '../domain/event-id.js';

/** The build event igor sends to echo (edge.md §5.5), with its deterministic id. */
export function buildEvent(master: string, job: string, build: JenkinsBuild, now = Date.now()): EchoEvent {
  return {
    details: { type: 'build', source: 'igor', created: String(now) },
    content: { master, project: { name: job, lastBuild: toEventBuild(build) } },
    eventId: buildEventId(master, job, build.number),
  };
}

/**
 * Announces completed builds exactly once in effect, for the poller and the push endpoint alike:
 * skip when the build's marker exists; else publish (idempotent by eventId) and then set the marker.
 * A crash between the two re-publishes the same eventId, which the queue and echo both drop.
 */
export class BuildAnnouncer {
  constructor(
    private readonly store: RedisBuildStore,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  /** Returns true when this call sent the event. */
  async announce(master: string, job: string, build: JenkinsBuild): Promise<boolean> {
    if (await this.store.isPosted(master, job, build.number)) return false;
    const event = buildEvent(master, job, build);
    await this.publisher.publish(event);
    await this.store.markPosted(master, job, build.number);
    this.logger.info(
      { master, job, buildNumber: build.number, result: build.result, eventId: event.eventId },
      'build event sent',
    );
    return true;
  }
}
