import { z } from 'zod';
import { ANONYMOUS_USER, TaskRefAnswerSchema, taskIdFromRef } from './applications.js';
import { gateGet, gateSend } from './gate-client.js';

/** A pod's health entry (clouddriver's Kubernetes instance view). */
export const HealthSchema = z.looseObject({
  type: z.string().optional(),
  state: z.string().optional(),
  description: z.string().optional(),
});

/** An instance (pod) of a server group. */
export const InstanceSchema = z.looseObject({
  name: z.string().optional(),
  displayName: z.string().optional(),
  healthState: z.string().optional(),
  health: z.array(HealthSchema).optional(),
});
/** See {@link InstanceSchema}. */
export type Instance = z.infer<typeof InstanceSchema>;

/** A server group (ReplicaSet, StatefulSet, DaemonSet) as `GET /applications/{app}/serverGroups` lists it. */
export const ServerGroupSchema = z.looseObject({
  name: z.string(),
  displayName: z.string().optional(),
  account: z.string(),
  region: z.string().optional(),
  namespace: z.string().optional(),
  cluster: z.string().nullish(),
  kind: z.string().optional(),
  moniker: z
    .looseObject({
      app: z.string().optional(),
      cluster: z.string().optional(),
      sequence: z.number().nullish(),
      stack: z.string().nullish(),
      detail: z.string().nullish(),
    })
    .nullish(),
  isDisabled: z.boolean().optional(),
  capacity: z.looseObject({ desired: z.number().nullish() }).optional(),
  instances: z.array(InstanceSchema).default([]),
  instanceCounts: z.looseObject({ total: z.number(), up: z.number() }).partial().optional(),
  buildInfo: z.looseObject({ images: z.array(z.string()).optional() }).optional(),
  loadBalancers: z.array(z.string()).default([]),
  serverGroupManagers: z
    .array(z.looseObject({ name: z.string().optional(), location: z.string().optional() }))
    .default([]),
  createdTime: z.number().nullish(),
});
/** See {@link ServerGroupSchema}. */
export type ServerGroup = z.infer<typeof ServerGroupSchema>;

/** A load balancer (Service or Ingress) with the server groups it selects. */
export const LoadBalancerSchema = z.looseObject({
  name: z.string(),
  displayName: z.string().optional(),
  account: z.string(),
  namespace: z.string().optional(),
  region: z.string().optional(),
  kind: z.string().optional(),
  serverGroups: z.array(z.looseObject({ name: z.string(), isDisabled: z.boolean().optional() })).default([]),
});
/** See {@link LoadBalancerSchema}. */
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;

const app = (name: string) => `/applications/${encodeURIComponent(name)}`;

/** An application's server groups (clouddriver through gate). */
export const getServerGroups = (application: string, signal?: AbortSignal): Promise<ServerGroup[]> =>
  gateGet(`${app(application)}/serverGroups`, z.array(ServerGroupSchema), { signal });

/** An application's load balancers. */
export const getLoadBalancers = (application: string, signal?: AbortSignal): Promise<LoadBalancer[]> =>
  gateGet(`${app(application)}/loadBalancers`, z.array(LoadBalancerSchema), { signal });

/** One job of a task (an orca orchestration stage): a clouddriver manifest operation. */
export type TaskJob = { type: string } & Record<string, unknown>;

/** Submits an orchestration for `application` (`POST /applications/{app}/tasks`); resolves with the task id. */
export async function submitTask(
  application: string,
  description: string,
  job: TaskJob,
  user = ANONYMOUS_USER,
): Promise<string> {
  const answer = await gateSend(
    'POST',
    `${app(application)}/tasks`,
    { application, description, job: [{ cloudProvider: 'kubernetes', user, ...job }] },
    TaskRefAnswerSchema,
  );
  const id = taskIdFromRef(answer.ref);
  if (!id) throw new Error(`gate answered an unexpected task ref: ${answer.ref}`);
  return id;
}

/** The manifest operations deck offers on a server group, as task jobs (Spinnaker's Kubernetes job types). */
export const serverGroupJobs = {
  scale: (sg: ServerGroup, replicas: number): TaskJob => ({
    type: 'scaleManifest',
    account: sg.account,
    location: sg.namespace ?? sg.region ?? '',
    manifestName: sg.name,
    replicas,
  }),
  rollback: (sg: ServerGroup): TaskJob | undefined => {
    const manager = sg.serverGroupManagers[0];
    if (!manager?.name) return undefined;
    return {
      type: 'undoRolloutManifest',
      account: sg.account,
      location: manager.location ?? sg.namespace ?? '',
      manifestName: `deployment ${manager.name}`,
      numRevisionsBack: 1,
    };
  },
  enable: (sg: ServerGroup): TaskJob => ({
    type: 'enableManifest',
    account: sg.account,
    location: sg.namespace ?? '',
    manifestName: sg.name,
  }),
  disable: (sg: ServerGroup): TaskJob => ({
    type: 'disableManifest',
    account: sg.account,
    location: sg.namespace ?? '',
    manifestName: sg.name,
  }),
  destroy: (sg: ServerGroup): TaskJob => ({
    type: 'deleteManifest',
    account: sg.account,
    location: sg.namespace ?? '',
    manifestName: sg.name,
    options: { cascading: true },
  }),
};
