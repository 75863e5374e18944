import {
  ClouddriverPaths as P,
  ClusterViewSchema,
  ConsoleOutputSchema,
  errorCodeOf,
  JobStatusSchema,
  KatoTaskSchema,
  ManifestCoordinatesSchema,
  ManifestViewSchema,
  NotImplementedError,
  TaskReferenceSchema,
  type Identity,
  type OperationsRequest,
} from '@genoa/shared';
import { createServiceClient, type ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import type { Clouddriver } from '../ports.js';

/** `undefined` for a 404, the value otherwise. */
async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (errorCodeOf(err) === 'NOT_FOUND') return undefined;
    throw err;
  }
}

/** clouddriver over HTTP (engine.md §5.9, §6.7), responses validated with the shared contract. */
export class ClouddriverHttpClient implements Clouddriver {
  private readonly client: ServiceClient;
  constructor(baseUrl: string, internalSecret?: string) {
    this.client = createServiceClient({ service: 'clouddriver', baseUrl, internalSecret, timeoutMs: 30_000 });
  }
  submit(operations: OperationsRequest, cloudProvider = 'kubernetes', identity?: Identity) {
    return this.client.post(P.ops(cloudProvider), {
      body: operations,
      schema: TaskReferenceSchema,
      identity,
    });
  }
  getTask(id: string) {
    return orMissing(this.client.get(P.task(id), { schema: KatoTaskSchema }));
  }
  getManifest(account: string, location: string, name: string) {
    return orMissing(this.client.get(P.manifest(account, location, name), { schema: ManifestViewSchema }));
  }
  async clusterManifests(account: string, location: string, kind: string, app: string, cluster: string) {
    const path = P.clusterManifests(account, location, kind, app, cluster);
    return (await orMissing(this.client.get(path, { schema: z.array(ManifestCoordinatesSchema) }))) ?? [];
  }
  dynamicTarget(
    account: string,
    location: string,
    kind: string,
    app: string,
    cluster: string,
    criteria: string,
  ) {
    const path = P.dynamicTarget(account, location, kind, app, cluster, criteria);
    return orMissing(this.client.get(path, { schema: ManifestCoordinatesSchema }));
  }
  getJob(app: string, account: string, location: string, name: string) {
    return orMissing(this.client.get(P.job(app, account, location, name), { schema: JobStatusSchema }));
  }
  async getConsole(account: string, location: string, podName: string) {
    const body = await orMissing(
      this.client.get(P.console(account, location, podName), { schema: ConsoleOutputSchema }),
    );
    return Object.fromEntries((body?.output ?? []).map((c) => [c.name, c.output]));
  }
  getCluster(app: string, account: string, cluster: string, cloudProvider = 'kubernetes') {
    return orMissing(
      this.client.get(P.cluster(app, account, cluster, cloudProvider), { schema: ClusterViewSchema }),
    );
  }
}

/** The clouddriver of an orca that has none configured: every call fails (unit tests, API-only). */
export const noClouddriver: Clouddriver = new Proxy({} as Clouddriver, {
  get: () => () => Promise.reject(new NotImplementedError('orca is not connected to clouddriver')),
});
