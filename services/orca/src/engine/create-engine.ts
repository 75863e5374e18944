import type { Logger } from 'pino';
import { noClouddriver } from '../adapters/clouddriver-http-client.js';
import { GenoaExpressionEvaluator } from '../expressions/genoa-expression-evaluator.js';
import type {
  Clock,
  Clouddriver,
  EngineQueue,
  EventPublisher,
  ExecutionRepository,
  ExpressionEvaluator,
  Front50,
  HttpFetcher,
  Igor,
  TaskServices,
} from '../ports.js';
import type { EngineDeps } from '../queue/handler-context.js';
import { executionLevel } from '../domain/repair.js';
import { createRegistries } from '../stages/index.js';
import { ExecutionCommands } from './execution-commands.js';
import { ExecutionLauncher } from './execution-launcher.js';

/** The adapters the engine is built from. */
export interface EngineAdapters {
  repository: ExecutionRepository;
  queue: EngineQueue;
  events: EventPublisher;
  clock: Clock;
  logger: Logger;
  front50: Front50;
  /** clouddriver (manifest stages, clusterSize); none = those calls fail. */
  clouddriver?: Clouddriver;
  /** igor (jenkins stage); without it a jenkins stage fails with "igor is not configured". */
  igor?: Igor;
  http: HttpFetcher;
  expressions?: ExpressionEvaluator;
  windowTimeZone?: string;
  /** Follow-up messages handled in-process per delivered message (default 0: none). */
  inlineMessages?: number;
}

/** The wired engine: handler dependencies and the launcher. */
export interface Engine {
  deps: EngineDeps;
  launcher: ExecutionLauncher;
  commands: ExecutionCommands;
}

/** The igor of an engine built without one: every call fails the task with a clear message. */
const notConfigured = () => Promise.reject(new Error('igor is not configured (IGOR_URL)'));
const igorNotConfigured: Igor = {
  build: notConfigured,
  queuedBuildNumber: notConfigured,
  buildStatus: notConfigured,
  properties: notConfigured,
  stop: notConfigured,
};

/** Wires registries, task services and the launcher around the given adapters. */
export function createEngine(adapters: EngineAdapters): Engine {
  const { stages, tasks } = createRegistries();
  const expressions = adapters.expressions ?? new GenoaExpressionEvaluator();
  const launcher = new ExecutionLauncher(adapters.repository, adapters.queue, adapters.clock);
  const windowTimeZone = adapters.windowTimeZone ?? 'America/Los_Angeles';
  const services: TaskServices = {
    clock: adapters.clock,
    logger: adapters.logger,
    front50: adapters.front50,
    clouddriver: adapters.clouddriver ?? noClouddriver,
    igor: adapters.igor ?? igorNotConfigured,
    http: adapters.http,
    expressions,
    windowTimeZone,
    startPipeline: async (request) => (await launcher.startPipeline(request)).id,
    getExecution: (id) => adapters.repository.get(id),
    publishEvents: (events) => adapters.events.publish(events),
    async cancelExecution(id, application, user, reason) {
      const e = await adapters.repository.get(id);
      if (!e) return;
      await adapters.queue.push({ kind: 'cancelExecution', ...executionLevel(e), application, user, reason });
    },
  };
  const deps: EngineDeps = {
    repository: adapters.repository,
    queue: adapters.queue,
    events: adapters.events,
    clock: adapters.clock,
    logger: adapters.logger,
    stages,
    tasks,
    services,
    expressions,
    settings: { windowTimeZone, inlineMessages: adapters.inlineMessages ?? 0 },
  };
  const commands = new ExecutionCommands(
    adapters.repository,
    adapters.queue,
    adapters.clock,
    stages,
    expressions,
  );
  return { deps, launcher, commands };
}
