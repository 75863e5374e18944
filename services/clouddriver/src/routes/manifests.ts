import { NotFoundError } from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Account, AccountRegistry } from '../adapters/accounts.js';
import { redact } from '../deploy/apply.js';
import { monikerOf } from '../domain/annotations.js';
import { imageArtifacts } from '../domain/artifacts.js';
import { clusterMembers, pickByCriteria, TARGET_CRITERIA } from '../domain/clusters.js';
import type { KubeObject } from '../domain/kube-object.js';
import { parseManifestName } from '../domain/kube-object.js';
import { podsOfWorkload, withPodProblems } from '../domain/manifest-status.js';
import { handlerFor } from '../kinds/index.js';

const ManifestParams = z.object({ account: z.string(), location: z.string(), name: z.string() });

async function readLive(account: Account, location: string, name: string) {
  const parsed = parseManifestName(name);
  if (!parsed) throw new NotFoundError(`Manifest name must be "<kind> <name>", got "${name}"`);
  const resource = await account.client.resourceFor(parsed.kind);
  if (!resource)
    throw new NotFoundError(`Kind ${parsed.kind} is not served by account ${account.name}'s cluster`);
  const namespace = resource.namespaced
    ? location === '_' || location === ''
      ? account.client.defaultNamespace
      : location
    : undefined;
  const object = await account.client.get(resource.kind, namespace, parsed.name);
  if (!object) throw new NotFoundError(`${name} not found in ${account.name}/${namespace ?? '(cluster)'}`);
  object.apiVersion ??= resource.apiVersion;
  object.kind ??= resource.kind;
  return { object, handler: handlerFor(resource.kind, resource.apiVersion), namespace };
}

/** The manifest view: live object, status (with pod problems), artifacts, events, warnings. */
export async function manifestView(account: Account, location: string, name: string) {
  const { object, handler, namespace } = await readLive(account, location, name);
  let status = handler.status(object);
  let warnings: string[] = [];
  if (namespace && (handler.capabilities.hasPodTemplate || handler.kind === 'Job')) {
    const pods = podsOfWorkload(object, await account.client.list('Pod', namespace));
    ({ status, warnings } = withPodProblems(status, pods));
  }
  const events = namespace
    ? await account.client.list('Event', namespace, {
        fieldSelector: `involvedObject.name=${object.metadata?.name},involvedObject.kind=${handler.kind}`,
      })
    : [];
  const time = (e: KubeObject) =>
    Date.parse(String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '')) || 0;
  return {
    account: account.name,
    name: `${handler.spinnakerKind} ${object.metadata?.name}`,
    location: namespace ?? '',
    moniker: monikerOf(object, handler.spinnakerKind) ?? null,
    manifest: redact(object),
    status,
    artifacts: imageArtifacts(object),
    events: events.sort((a, b) => time(a) - time(b)),
    warnings,
    metrics: [],
  };
}

/** Job status (`GET /applications/{app}/jobs/{account}/{location}/{name}`) as orca's run-job monitor reads it. */
async function jobView(account: Account, location: string, name: string) {
  const { object } = await readLive(account, location, `job ${name}`);
  const conditions = (object.status?.conditions ?? []) as {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
  const failedCondition = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  const complete = conditions.some((c) => c.type === 'Complete' && c.status === 'True');
  const jobState = failedCondition ? 'Failed' : complete ? 'Succeeded' : 'Running';
  const pods = podsOfWorkload(object, await account.client.list('Pod', location));
  return {
    provider: 'kubernetes',
    account: account.name,
    name: object.metadata?.name,
    location,
    jobState,
    createdTime: Date.parse(object.metadata?.creationTimestamp ?? '') || null,
    completionDetails: {
      ...(failedCondition ? { message: failedCondition.message, reason: failedCondition.reason } : {}),
      succeeded: String(object.status?.succeeded ?? 0),
      failed: String(object.status?.failed ?? 0),
    },
    ...(failedCondition
      ? {
          message: failedCondition.message,
          reason: failedCondition.reason,
          failureDetails: failedCondition.message,
        }
      : {}),
    pods: pods.map((p) => ({ name: p.metadata?.name, status: p.status })),
    job: redact(object),
  };
}

/** Live manifest reads (as Spinnaker's ManifestController), job status and pod console output. */
export function manifestRoutes(app: FastifyInstance, accounts: AccountRegistry): void {
  app.get('/manifests/:account/:location/:name', async (request) => {
    const p = parseParams(ManifestParams, request);
    return manifestView(accounts.requireForView(p.account), p.location, p.name);
  });
  app.get('/manifests/:account/_/:name', async (request) => {
    const p = parseParams(ManifestParams.omit({ location: true }), request);
    return manifestView(accounts.requireForView(p.account), '_', p.name);
  });
  const ClusterParams = z.object({
    account: z.string(),
    location: z.string(),
    kind: z.string(),
    app: z.string(),
    cluster: z.string(),
  });
  const members = async (p: z.infer<typeof ClusterParams>) => {
    const account = accounts.requireForView(p.account);
    const handler = handlerFor(p.kind);
    return clusterMembers(
      await account.client.list(p.kind, p.location),
      handler.spinnakerKind,
      p.app,
      p.cluster,
    );
  };
  const coordinates = (o: KubeObject) => ({
    kind: handlerFor(o.kind ?? '').spinnakerKind,
    name: o.metadata?.name,
    namespace: o.metadata?.namespace,
  });
  app.get('/manifests/:account/:location/:kind/cluster/:app/:cluster', async (request) =>
    (await members(parseParams(ClusterParams, request))).map(coordinates),
  );
  app.get('/manifests/:account/:location/:kind/cluster/:app/:cluster/dynamic/:criteria', async (request) => {
    const p = parseParams(ClusterParams.extend({ criteria: z.enum(TARGET_CRITERIA) }), request);
    const picked = pickByCriteria(await members(p), p.criteria);
    if (!picked) throw new NotFoundError(`No ${p.kind} in cluster ${p.cluster} matches ${p.criteria}`);
    return {
      ...coordinates(picked),
      manifestName: `${handlerFor(p.kind).spinnakerKind} ${picked.metadata?.name}`,
    };
  });
  const JobParams = z.object({
    app: z.string(),
    account: z.string(),
    location: z.string(),
    name: z.string(),
  });
  app.get('/applications/:app/jobs/:account/:location/:name', async (request) => {
    const p = parseParams(JobParams, request);
    return jobView(accounts.requireForView(p.account), p.location, p.name);
  });
  app.get('/instances/:account/:location/:name/console', async (request) => {
    const p = parseParams(z.object({ account: z.string(), location: z.string(), name: z.string() }), request);
    const account = accounts.requireForView(p.account);
    const podName = p.name.replace(/^pod /, '');
    const pod = await account.client.get('Pod', p.location, podName);
    if (!pod) throw new NotFoundError(`pod ${podName} not found in ${p.account}/${p.location}`);
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])] as {
      name: string;
    }[];
    const output = await Promise.all(
      containers.map(async (c) => ({
        name: c.name,
        output: await account.client.logs(p.location, podName, c.name),
      })),
    );
    return { output };
  });
}
