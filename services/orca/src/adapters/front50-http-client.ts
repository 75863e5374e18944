import { errorCodeOf } from '@genoa/shared';
import { createServiceClient, type ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import type { Front50 } from '../ports.js';

const ObjectSchema = z.record(z.string(), z.unknown());
const ListSchema = z.array(ObjectSchema);

/** `undefined` for a 404, the value otherwise. */
async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (errorCodeOf(err) === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** How long pipeline-trigger lookups are cached, and skipped after front50 failed to answer. */
const TRIGGER_CACHE_MS = 5_000;
const TRIGGER_BACKOFF_MS = 30_000;

/** front50 over HTTP (edge.md §3.4), responses validated with zod. */
export class Front50HttpClient implements Front50 {
  private readonly client: ServiceClient;
  private readonly quick: ServiceClient;
  private readonly triggerCache = new Map<string, { at: number; value: Record<string, unknown>[] }>();
  private triggerFailedAt = -Infinity;
  constructor(baseUrl: string, internalSecret?: string) {
    this.client = createServiceClient({ service: 'front50', baseUrl, internalSecret, timeoutMs: 10_000 });
    this.quick = createServiceClient({
      service: 'front50',
      baseUrl,
      internalSecret,
      timeoutMs: 2_000,
      retries: 0,
    });
  }
  getApplication(name: string) {
    return orMissing(
      this.client.get(`/v2/applications/${encodeURIComponent(name)}`, { schema: ObjectSchema }),
    );
  }
  async createApplication(app: Record<string, unknown>) {
    await this.client.post('/v2/applications', { body: app });
  }
  async updateApplication(name: string, app: Record<string, unknown>) {
    await this.client.patch(`/v2/applications/${encodeURIComponent(name)}`, { body: { ...app, name } });
  }
  async deleteApplication(name: string) {
    await this.client.delete(`/v2/applications/${encodeURIComponent(name)}`);
  }
  async updatePermissions(name: string, permissions: Record<string, unknown>) {
    await this.client.put(`/permissions/applications/${encodeURIComponent(name)}`, {
      body: { name, permissions },
    });
  }
  async deletePermissions(name: string) {
    await this.client.delete(`/permissions/applications/${encodeURIComponent(name)}`);
  }
  async savePipeline(pipeline: Record<string, unknown>, staleCheck: boolean) {
    return (
      (await this.client.post('/pipelines', {
        body: pipeline,
        query: { staleCheck },
        schema: ObjectSchema.optional(),
      })) ?? {}
    );
  }
  async savePipelines(pipelines: Record<string, unknown>[], staleCheck: boolean) {
    return this.client.post('/pipelines/batchUpdate', {
      body: pipelines,
      query: { staleCheck },
      schema: ObjectSchema,
    });
  }
  async updatePipeline(id: string, pipeline: Record<string, unknown>) {
    return (
      (await this.client.put(`/pipelines/${encodeURIComponent(id)}`, {
        body: pipeline,
        schema: ObjectSchema.optional(),
      })) ?? {}
    );
  }
  async deletePipeline(application: string, name: string) {
    await this.client.delete(`/pipelines/${encodeURIComponent(application)}/${encodeURIComponent(name)}`);
  }
  getPipeline(id: string) {
    return orMissing(this.client.get(`/pipelines/${encodeURIComponent(id)}/get`, { schema: ObjectSchema }));
  }
  async listPipelines(application: string) {
    return (
      (await orMissing(
        this.client.get(`/pipelines/${encodeURIComponent(application)}`, { schema: ListSchema }),
      )) ?? []
    );
  }
  /**
   * Every execution completion asks this, so answers are cached briefly and, after front50 failed
   * to answer, the lookup is skipped for a while (the first failure is thrown, then [] is returned).
   */
  async pipelinesTriggeredBy(configId: string, status: string) {
    const key = `${configId}/${status}`;
    const now = Date.now();
    const cached = this.triggerCache.get(key);
    if (cached && now - cached.at < TRIGGER_CACHE_MS) return cached.value;
    if (now - this.triggerFailedAt < TRIGGER_BACKOFF_MS) return [];
    try {
      const path = `/pipelines/triggeredBy/${encodeURIComponent(configId)}/${encodeURIComponent(status)}`;
      const value = (await orMissing(this.quick.get(path, { schema: ListSchema }))) ?? [];
      if (this.triggerCache.size > 10_000) this.triggerCache.clear();
      this.triggerCache.set(key, { at: now, value });
      return value;
    } catch (err) {
      this.triggerFailedAt = now;
      throw err;
    }
  }
}
