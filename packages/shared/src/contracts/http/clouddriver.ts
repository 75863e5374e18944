import { z } from 'zod';
import { ArtifactSchema } from '../../model/artifact.js';
import { JsonMapSchema, open, opt } from '../../model/json.js';

const enc = encodeURIComponent;

/** clouddriver's HTTP paths orca calls (engine.md §5.9, §6.7); manifest names are `"<kind> <name>"`. */
export const ClouddriverPaths = {
  ops: (cloudProvider = 'kubernetes') => `/${enc(cloudProvider)}/ops`,
  task: (id: string) => `/task/${enc(id)}`,
  credentials: '/credentials',
  manifest: (account: string, location: string, name: string) =>
    `/manifests/${enc(account)}/${enc(location || '_')}/${enc(name)}`,
  clusterManifests: (account: string, location: string, kind: string, app: string, cluster: string) =>
    `/manifests/${enc(account)}/${enc(location)}/${enc(kind)}/cluster/${enc(app)}/${enc(cluster)}`,
  dynamicTarget: (
    account: string,
    location: string,
    kind: string,
    app: string,
    cluster: string,
    criteria: string,
  ) =>
    `/manifests/${enc(account)}/${enc(location)}/${enc(kind)}/cluster/${enc(app)}/${enc(cluster)}/dynamic/${enc(criteria)}`,
  job: (app: string, account: string, location: string, name: string) =>
    `/applications/${enc(app)}/jobs/${enc(account)}/${enc(location)}/${enc(name)}`,
  console: (account: string, location: string, podName: string) =>
    `/instances/${enc(account)}/${enc(location)}/${enc(podName)}/console`,
  clusters: (app: string) => `/applications/${enc(app)}/clusters`,
  cluster: (app: string, account: string, cluster: string, cloudProvider = 'kubernetes') =>
    `/applications/${enc(app)}/clusters/${enc(account)}/${enc(cluster)}/${enc(cloudProvider)}`,
} as const;

/** The `POST /{cloudProvider}/ops` body: a list of `{"<operationName>": description}`. */
export const OperationsRequestSchema = z.array(z.record(z.string(), JsonMapSchema)).min(1);
/** See {@link OperationsRequestSchema}. */
export type OperationsRequest = z.infer<typeof OperationsRequestSchema>;

/** The answer to an ops POST: the task to poll. */
export const TaskReferenceSchema = open({ id: z.string().min(1), resourceUri: z.string() });
/** See {@link TaskReferenceSchema}. */
export type TaskReference = z.infer<typeof TaskReferenceSchema>;

/** A clouddriver task's status (TaskDisplayStatus). */
export const KatoTaskStatusSchema = open({
  phase: z.string(),
  status: z.string(),
  complete: z.boolean(),
  completed: z.boolean(),
  failed: z.boolean(),
  retryable: opt(z.boolean()),
});

/** The `{type: "EXCEPTION", operation, cause, message}` result object of a failed task. */
export const KatoExceptionSchema = open({
  type: z.literal('EXCEPTION'),
  operation: opt(z.string()),
  cause: opt(z.string()),
  message: opt(z.string()),
});

/** `GET /task/{id}`: what orca's MonitorKatoTask polls (engine.md §5.9). */
export const KatoTaskSchema = open({
  id: z.string(),
  status: KatoTaskStatusSchema,
  history: z.array(open({ phase: z.string(), status: z.string() })).default([]),
  resultObjects: z.array(JsonMapSchema).default([]),
  startTimeMs: opt(z.number()),
  ownerId: opt(z.string()),
  sagaIds: opt(z.array(z.string())),
});
/** See {@link KatoTaskSchema}. */
export type KatoTask = z.infer<typeof KatoTaskSchema>;

/** The failure message of a failed task: its EXCEPTION result, else its last history line. */
export function katoFailureMessage(task: KatoTask): string {
  const exception = task.resultObjects.find((r) => r.type === 'EXCEPTION');
  if (exception && typeof exception.message === 'string' && exception.message) return exception.message;
  return task.history.at(-1)?.status ?? task.status.status;
}

/** The deploy operation's result object (engine.md §6.8), promoted by orca into `outputs.*`. */
export const DeployResultSchema = open({
  manifestNamesByNamespace: z.record(z.string(), z.array(z.string())).default({}),
  manifests: z.array(JsonMapSchema).default([]),
  createdArtifacts: z.array(ArtifactSchema).default([]),
  boundArtifacts: z.array(ArtifactSchema).default([]),
});
/** See {@link DeployResultSchema}. */
export type DeployResult = z.infer<typeof DeployResultSchema>;

/** One condition of a manifest's status. */
export const ManifestConditionSchema = open({ state: z.boolean(), message: opt(z.string()) });

/** `Manifest.Status`: stable / paused / available / failed (engine.md §6.5). */
export const ManifestStatusSchema = open({
  stable: ManifestConditionSchema,
  paused: opt(ManifestConditionSchema),
  available: opt(ManifestConditionSchema),
  failed: ManifestConditionSchema,
});
/** See {@link ManifestStatusSchema}. */
export type ManifestStatus = z.infer<typeof ManifestStatusSchema>;

/** `GET /manifests/{account}/{location}/{name}`: the live manifest with status, artifacts, events, warnings. */
export const ManifestViewSchema = open({
  account: z.string(),
  name: z.string(),
  location: z.string(),
  moniker: opt(JsonMapSchema),
  manifest: JsonMapSchema,
  status: ManifestStatusSchema,
  artifacts: z.array(ArtifactSchema).default([]),
  events: z.array(JsonMapSchema).default([]),
  warnings: z.array(z.unknown()).default([]),
});
/** See {@link ManifestViewSchema}. */
export type ManifestView = z.infer<typeof ManifestViewSchema>;

/** A manifest's coordinates in a cluster listing (`/manifests/…/cluster/{app}/{cluster}`). */
export const ManifestCoordinatesSchema = open({
  kind: z.string(),
  name: z.string(),
  namespace: opt(z.string()),
  manifestName: opt(z.string()),
});
/** See {@link ManifestCoordinatesSchema}. */
export type ManifestCoordinates = z.infer<typeof ManifestCoordinatesSchema>;

/** `GET /applications/{app}/jobs/{account}/{location}/{name}`: run-job status. */
export const JobStatusSchema = open({
  name: opt(z.string()),
  account: opt(z.string()),
  location: opt(z.string()),
  jobState: z.enum(['Running', 'Succeeded', 'Failed']),
  completionDetails: opt(JsonMapSchema),
  message: opt(z.string()),
  reason: opt(z.string()),
  failureDetails: opt(z.string()),
  pods: opt(z.array(open({ name: opt(z.string()), status: opt(JsonMapSchema) }))),
});
/** See {@link JobStatusSchema}. */
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** `GET /instances/{account}/{location}/{pod}/console`: container logs. */
export const ConsoleOutputSchema = open({
  output: z.array(open({ name: z.string(), output: z.string() })),
});

/** A server group in the cluster view (the fields orca reads). */
export const ClusterServerGroupSchema = open({
  name: z.string(),
  region: opt(z.string()),
  namespace: opt(z.string()),
  account: opt(z.string()),
  disabled: opt(z.boolean()),
});

/** `GET /applications/{app}/clusters/{account}/{cluster}/{cloudProvider}`. */
export const ClusterViewSchema = open({
  name: z.string(),
  accountName: opt(z.string()),
  serverGroups: z.array(ClusterServerGroupSchema).default([]),
});
/** See {@link ClusterViewSchema}. */
export type ClusterView = z.infer<typeof ClusterViewSchema>;
