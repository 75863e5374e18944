import { GenericBuildSchema, IgorPaths, QueuedJobSchema, errorCodeOf } from '@genoa/shared';
import { createServiceClient, type ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import type { Igor, IgorBuildOutcome } from '../ports.js';

const MapSchema = z.record(z.string(), z.unknown());
/** igor answers a build request with the queue item id as plain text (parsed as a number), or 202 empty. */
const QueueItemSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).optional();

/** igor over HTTP (edge.md §5.3), responses validated with zod. */
export class IgorHttpClient implements Igor {
  private readonly client: ServiceClient;
  constructor(baseUrl: string, internalSecret?: string, timeoutMs = 30_000) {
    this.client = createServiceClient({ service: 'igor', baseUrl, internalSecret, timeoutMs });
  }

  async build(
    master: string,
    job: string,
    parameters: Record<string, string>,
    dedupe: { executionId: string; startTime: string },
  ): Promise<IgorBuildOutcome> {
    const item = await this.client.put(IgorPaths.triggerBuild(master, job), {
      query: parameters,
      headers: { 'x-spinnaker-execution-id': dedupe.executionId },
      body: dedupe.startTime,
      schema: QueueItemSchema,
    });
    return item === undefined ? { pending: true } : { queuedBuild: String(item) };
  }

  async queuedBuildNumber(master: string, queuedBuild: string): Promise<number | undefined> {
    try {
      const queued = await this.client.get(IgorPaths.queuedBuild(master, queuedBuild), {
        schema: QueuedJobSchema,
      });
      return queued.number ?? queued.executable?.number ?? undefined;
    } catch (err) {
      // Spinnaker keeps waiting on 404 (Jenkins forgets queue items briefly), 500 and 503.
      if (errorCodeOf(err) === 'NOT_FOUND') return undefined;
      throw err;
    }
  }

  buildStatus(master: string, job: string, buildNumber: number): Promise<Record<string, unknown>> {
    return this.client.get(IgorPaths.buildStatus(buildNumber, master, job), { schema: GenericBuildSchema });
  }

  properties(
    master: string,
    job: string,
    buildNumber: number,
    file: string,
  ): Promise<Record<string, unknown>> {
    return this.client.get(IgorPaths.buildProperties(buildNumber, file, master, job), { schema: MapSchema });
  }

  async stop(master: string, job: string, queuedBuild: string, buildNumber: number): Promise<void> {
    await this.client.put(IgorPaths.stopBuild(master, job, queuedBuild, buildNumber), { body: '' });
  }
}
