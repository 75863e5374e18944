import type { JsonObject } from '../object-types.js';
import type { Repositories } from './storage.js';

/** What deleting an application removed, for the log line. */
export interface CascadeResult {
  pipelines: number;
  strategies: number;
  serviceAccounts: number;
  projectsUpdated: number;
  projectsDeleted: number;
}

const managedSuffixes = ['@managed-service-account'];

/**
 * Deletes an application the way Spinnaker's front50 does: its pipelines and strategies (and
 * the managed service accounts of those pipelines), its notifications, its permission record,
 * its membership in projects (deleting a project left with no application), and last the
 * application itself — so a crash part-way leaves the application in place and a retry finishes.
 */
export async function deleteApplicationCascade(repos: Repositories, name: string): Promise<CascadeResult> {
  const app = name.trim().toLowerCase();
  // Holding the application's pipeline lock: no pipeline of it can be saved here meanwhile.
  return repos.pipeline.withLock(app, () => cascade(repos, app));
}

async function cascade(repos: Repositories, app: string): Promise<CascadeResult> {
  const result: CascadeResult = {
    pipelines: 0,
    strategies: 0,
    serviceAccounts: 0,
    projectsUpdated: 0,
    projectsDeleted: 0,
  };
  for (const pipeline of await repos.pipeline.inPartition(app)) {
    for (const suffix of managedSuffixes) {
      const account = `${String(pipeline.item.id ?? pipeline.id)}${suffix}`;
      if (await repos.serviceAccount.find(account)) {
        await repos.serviceAccount.remove(account);
        result.serviceAccounts++;
      }
    }
    await repos.pipeline.remove(pipeline.id);
    result.pipelines++;
  }
  for (const strategy of await repos.strategy.inPartition(app)) {
    await repos.strategy.remove(strategy.id);
    result.strategies++;
  }
  if (await repos.notification.find(app)) await repos.notification.remove(app);
  for (const project of await repos.project.all()) {
    const updated = withoutApplication(project.item, app);
    if (!updated) continue;
    if ((updated.config as { applications: string[] }).applications.length === 0) {
      await repos.project.remove(project.id);
      result.projectsDeleted++;
    } else {
      await repos.project.put(updated, {
        user: String(project.item.lastModifiedBy ?? 'anonymous'),
        previous: project.item,
      });
      result.projectsUpdated++;
    }
  }
  if (await repos.applicationPermission.find(app)) await repos.applicationPermission.remove(app);
  await repos.application.remove(app);
  return result;
}

/** The project without `app` in its config, or undefined when it does not mention it. */
export function withoutApplication(project: JsonObject, app: string): JsonObject | undefined {
  const config = (project.config ?? {}) as JsonObject;
  const apps = Array.isArray(config.applications) ? (config.applications as unknown[]).map(String) : [];
  if (!apps.some((a) => a.toLowerCase() === app)) return undefined;
  const keep = (value: unknown) => String(value).toLowerCase() !== app;
  const pipelineConfigs = Array.isArray(config.pipelineConfigs)
    ? config.pipelineConfigs.filter((p: unknown) => keep((p as JsonObject | null)?.application))
    : config.pipelineConfigs;
  const clusters = Array.isArray(config.clusters)
    ? config.clusters.map((c: unknown) => {
        const cluster = (c ?? {}) as JsonObject;
        return Array.isArray(cluster.applications)
          ? { ...cluster, applications: cluster.applications.filter(keep) }
          : cluster;
      })
    : config.clusters;
  return { ...project, config: { ...config, applications: apps.filter(keep), pipelineConfigs, clusters } };
}
