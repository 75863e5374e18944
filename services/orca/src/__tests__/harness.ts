import { InputError, type EchoEvent, type PipelineExecution } from '@genoa/shared';
import { pino } from 'pino';
import { MemoryEngineQueue } from '../adapters/memory-engine-queue.js';
import { MemoryExecutionRepository } from '../adapters/memory-execution-repository.js';
import { createEngine } from '../engine/create-engine.js';
import type { HttpFetcher, HttpResponse } from '../ports.js';
import { processMessage } from '../queue/engine-runner.js';
import { MemoryFront50 } from './memory-front50.js';

/** A mutable clock (orca's MutableClock). */
export class MutableClock {
  constructor(public t = Date.UTC(2026, 0, 7, 18, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

/** A scripted HTTP fetcher: answers by URL, records requests. */
export class FakeHttp implements HttpFetcher {
  readonly requests: { method: string; url: string; body?: unknown }[] = [];
  routes = new Map<string, (body: unknown) => HttpResponse>();
  /** Answer 200 to any valid http(s) URL without a route; refuse invalid URLs. */
  validateUrls = false;
  async request(o: { method: string; url: string; body?: unknown }): Promise<HttpResponse> {
    this.requests.push(o);
    if (this.validateUrls) {
      if (!/^https?:\/\/[^/$]+/.test(o.url)) throw new InputError(`"${o.url}" is not a valid URL`);
      return { status: 200, headers: {}, body: {} };
    }
    const route = this.routes.get(`${o.method} ${o.url}`) ?? this.routes.get(o.url);
    if (!route) return { status: 404, headers: {}, body: { message: 'no route' } };
    return route(o.body);
  }
}

/**
 * An engine on memory adapters with a fixed clock, driven message by message. `inlineMessages`
 * (default 0: every message is queued, so tests can look at each one) as ORCA_INLINE_MESSAGES.
 */
export function createHarness(options: { inlineMessages?: number } = {}) {
  const clock = new MutableClock();
  const repository = new MemoryExecutionRepository();
  const queue = new MemoryEngineQueue(clock.now);
  const events: EchoEvent[] = [];
  const front50 = new MemoryFront50();
  const http = new FakeHttp();
  const engine = createEngine({
    repository,
    queue,
    events: { publish: async (e) => void events.push(...e) },
    clock,
    logger: pino({ level: 'silent' }),
    front50,
    http,
    inlineMessages: options.inlineMessages ?? 0,
  });
  let handled = 0;
  /** Runs due messages; with `advance`, jumps the clock to delayed ones (up to `untilMs` ahead). */
  async function run(options: { advance?: boolean; maxSteps?: number; untilMs?: number } = {}) {
    const limit = clock.t + (options.untilMs ?? 24 * 60 * 60 * 1000);
    for (let i = 0; i < (options.maxSteps ?? 5000); i += 1) {
      const next = queue.pop();
      if (!next) return;
      if (next.dueAt > clock.t) {
        if (!options.advance || next.dueAt > limit) {
          queue.messages.push(next);
          return;
        }
        clock.t = next.dueAt;
      }
      handled += 1;
      await processMessage(
        engine.deps,
        next.message,
        {
          retryLater: async (d) => (next.key ? queue.ensure(next.message, d) : queue.push(next.message, d)),
        },
        () => (handled += 1),
      );
    }
    if (options.maxSteps === undefined) throw new Error('harness: too many steps');
  }
  const start = async (pipeline: Record<string, unknown>, trigger: Record<string, unknown> = {}) =>
    (
      await engine.launcher.startPipeline({
        pipeline: { application: 'app', id: 'cfg', ...pipeline },
        trigger,
      })
    ).id;
  const get = async (id: string) => (await repository.get(id)) as PipelineExecution;
  const stage = async (id: string, name: string) => (await get(id)).stages.find((s) => s.name === name)!;
  return {
    clock,
    repository,
    queue,
    events,
    front50,
    http,
    engine,
    run,
    start,
    get,
    stage,
    handled: () => handled,
  };
}

/** A wait stage config. */
export const wait = (refId: string, requisites: string[] = [], extra: Record<string, unknown> = {}) => ({
  refId,
  requisiteStageRefIds: requisites,
  type: 'wait',
  name: `wait ${refId}`,
  waitTime: 0,
  ...extra,
});
