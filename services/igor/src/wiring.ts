import { createServiceClient, type Logger } from '@genoa/shared/node';
import type { Redis } from 'ioredis';
import { RedisBuildStore } from './adapters/build-store.js';
import type { EventPublisher } from './adapters/echo-publisher.js';
import { JenkinsClient } from './adapters/jenkins-client.js';
import type { IgorConfig } from './config.js';
import { JenkinsService } from './jenkins-service.js';
import { BuildAnnouncer } from './monitors/build-announcer.js';
import { clouddriverImageSource } from './monitors/docker-clouddriver.js';
import { DockerTagStore } from './monitors/docker-tag-store.js';
import { createMonitors } from './monitors/index.js';
import { Poller } from './monitors/poller.js';

/** igor's parts, wired from config (used by main.ts and by tests that run igor in-process). */
export interface IgorParts {
  jenkins: JenkinsService;
  announcer: BuildAnnouncer;
  poller: Poller;
  store: RedisBuildStore;
}

/** Wires clients, store, announcer, monitors and poller. */
export function wireIgor(
  config: IgorConfig,
  redis: Redis,
  publisher: EventPublisher,
  logger: Logger,
): IgorParts {
  const clients = new Map(
    config.IGOR_JENKINS_MASTERS.map((m) => [m.name, new JenkinsClient(m, config.IGOR_JENKINS_TIMEOUT_MS)]),
  );
  const store = new RedisBuildStore(redis);
  const announcer = new BuildAnnouncer(store, publisher, logger);
  const monitors = createMonitors({
    clients,
    store,
    announcer,
    concurrency: config.IGOR_POLL_CONCURRENCY,
    defaultThreshold: config.IGOR_ITEM_UPPER_THRESHOLD,
    docker: config.IGOR_DOCKER_REGISTRY_ENABLED
      ? {
          images: clouddriverImageSource(
            createServiceClient({
              service: 'clouddriver',
              baseUrl: config.CLOUDDRIVER_URL,
              internalSecret: config.GENOA_INTERNAL_SECRET,
              timeoutMs: 60_000,
            }),
          ),
          store: new DockerTagStore(redis),
          publisher,
          logger,
          threshold: config.IGOR_ITEM_UPPER_THRESHOLD,
        }
      : undefined,
  });
  const poller = new Poller(monitors, store, config.IGOR_POLL_INTERVAL_SECONDS * 1000, logger);
  const jenkins = new JenkinsService(clients, redis, '{igor}', config.IGOR_JENKINS_TIMEOUT_MS);
  return { jenkins, announcer, poller, store };
}
