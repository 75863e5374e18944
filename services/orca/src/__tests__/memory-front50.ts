import { NotFoundError, InputError } from '@genoa/shared';
import type { Front50 } from '../ports.js';

/** An in-memory front50 for unit tests: applications, permissions and pipelines. */
export class MemoryFront50 implements Front50 {
  readonly applications = new Map<string, Record<string, unknown>>();
  readonly permissions = new Map<string, Record<string, unknown>>();
  readonly pipelines = new Map<string, Record<string, unknown>>();
  calls: string[] = [];

  async getApplication(name: string) {
    this.calls.push(`GET app ${name}`);
    return this.applications.get(name.toUpperCase());
  }
  async createApplication(app: Record<string, unknown>) {
    this.calls.push(`POST app ${String(app.name)}`);
    this.applications.set(String(app.name).toUpperCase(), { ...app });
  }
  async updateApplication(name: string, app: Record<string, unknown>) {
    this.calls.push(`PATCH app ${name}`);
    this.applications.set(name.toUpperCase(), { ...this.applications.get(name.toUpperCase()), ...app });
  }
  async deleteApplication(name: string) {
    this.calls.push(`DELETE app ${name}`);
    this.applications.delete(name.toUpperCase());
  }
  async updatePermissions(name: string, permissions: Record<string, unknown>) {
    this.calls.push(`PUT permissions ${name}`);
    this.permissions.set(name, permissions);
  }
  async deletePermissions(name: string) {
    if (!this.permissions.delete(name)) throw new NotFoundError('no permissions');
  }
  async savePipeline(pipeline: Record<string, unknown>) {
    if (!pipeline.name || !pipeline.application)
      throw new InputError('A pipeline requires name and application fields');
    const id = String(pipeline.id ?? `p-${this.pipelines.size + 1}`);
    const saved = { ...pipeline, id };
    this.pipelines.set(id, saved);
    return saved;
  }
  async savePipelines(pipelines: Record<string, unknown>[]) {
    for (const p of pipelines) await this.savePipeline(p);
    return {
      successful_pipelines_count: pipelines.length,
      successful_pipelines: pipelines.map((p) => p.name),
      failed_pipelines_count: 0,
      failed_pipelines: [],
    };
  }
  async updatePipeline(id: string, pipeline: Record<string, unknown>) {
    if (!this.pipelines.has(id)) throw new NotFoundError(`no pipeline ${id}`);
    this.pipelines.set(id, { ...pipeline, id });
    return { ...pipeline, id };
  }
  async deletePipeline(application: string, name: string) {
    const entry = [...this.pipelines.values()].find((p) => p.application === application && p.name === name);
    if (!entry) throw new NotFoundError('no such pipeline');
    this.pipelines.delete(String(entry.id));
  }
  async getPipeline(id: string) {
    return this.pipelines.get(id);
  }
  async listPipelines(application: string) {
    return [...this.pipelines.values()].filter((p) => p.application === application);
  }
  async pipelinesTriggeredBy(configId: string, status: string) {
    return [...this.pipelines.values()].filter((p) =>
      ((p.triggers as Record<string, unknown>[] | undefined) ?? []).some(
        (t) =>
          t.type === 'pipeline' &&
          t.enabled !== false &&
          t.pipeline === configId &&
          ((t.status as string[]) ?? []).includes(status),
      ),
    );
  }
}
