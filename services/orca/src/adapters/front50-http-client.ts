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

/** front50 over HTTP (edge.md §3.4), responses validated with zod. */
export class Front50HttpClient implements Front50 {
  private readonly client: ServiceClient;
  constructor(baseUrl: string, internalSecret?: string) {
    this.client = createServiceClient({ service: 'front50', baseUrl, internalSecret, timeoutMs: 10_000 });
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
  async pipelinesTriggeredBy(configId: string, status: string) {
    return (
      (await orMissing(
        this.client.get(
          `/pipelines/triggeredBy/${encodeURIComponent(configId)}/${encodeURIComponent(status)}`,
          { schema: ListSchema },
        ),
      )) ?? []
    );
  }
}
