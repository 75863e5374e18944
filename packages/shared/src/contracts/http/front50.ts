import { z } from 'zod';
import { ApplicationPermissionSchema, ApplicationSchema } from '../../model/application.js';
import { EpochMsSchema, open, opt } from '../../model/json.js';
import { PipelineSchema, StageConfigSchema } from '../../model/pipeline.js';

const enc = encodeURIComponent;

/**
 * front50's HTTP paths (Spinnaker's, edge.md §3.4), for the clients in orca, echo and gate.
 * Path parameters are URL-encoded here; query strings are the caller's.
 */
export const front50Paths = {
  applications: '/v2/applications',
  application: (name: string) => `/v2/applications/${enc(name)}`,
  applicationHistory: (name: string) => `/v2/applications/${enc(name)}/history`,
  permissions: '/permissions/applications',
  permission: (name: string) => `/permissions/applications/${enc(name)}`,
  pipelines: '/pipelines',
  pipelinesOf: (application: string) => `/pipelines/${enc(application)}`,
  pipelineByName: (application: string, name: string) => `/pipelines/${enc(application)}/name/${enc(name)}`,
  pipelineById: (id: string) => `/pipelines/${enc(id)}/get`,
  pipeline: (id: string) => `/pipelines/${enc(id)}`,
  pipelineHistory: (id: string) => `/pipelines/${enc(id)}/history`,
  deletePipeline: (application: string, name: string) => `/pipelines/${enc(application)}/${enc(name)}`,
  pipelinesBatchUpdate: '/pipelines/batchUpdate',
  pipelinesTriggeredBy: (id: string, status: string) => `/pipelines/triggeredBy/${enc(id)}/${enc(status)}`,
  reorderPipelines: '/actions/pipelines/reorder',
  strategies: '/strategies',
  strategiesOf: (application: string) => `/strategies/${enc(application)}`,
  reorderStrategies: '/actions/strategies/reorder',
  notifications: '/notifications',
  notification: (level: 'application' | 'global', name: string) => `/notifications/${level}/${enc(name)}`,
  globalNotifications: '/notifications/global',
  pipelineTemplates: '/pipelineTemplates',
  pipelineTemplate: (id: string) => `/pipelineTemplates/${enc(id)}`,
  projects: '/v2/projects',
  project: (idOrName: string) => `/v2/projects/${enc(idOrName)}`,
  serviceAccounts: '/serviceAccounts',
  serviceAccount: (id: string) => `/serviceAccounts/${enc(id)}`,
} as const;

/** A pipeline (or strategy) as front50 serves it: `stages` may be absent on saved drafts. */
export const Front50PipelineSchema = PipelineSchema.extend({ stages: opt(z.array(StageConfigSchema)) });
/** See {@link Front50PipelineSchema}. */
export type Front50Pipeline = z.infer<typeof Front50PipelineSchema>;

/** `GET /pipelines`, `GET /pipelines/{app}`, `GET /strategies…`, history endpoints. */
export const Front50PipelineListSchema = z.array(Front50PipelineSchema);

/** `GET /v2/applications` (flat attribute maps, names upper-case). */
export const Front50ApplicationListSchema = z.array(ApplicationSchema);

/** `GET /permissions/applications`. */
export const Front50PermissionListSchema = z.array(ApplicationPermissionSchema);

/** `POST /pipelines/batchUpdate` result. */
export const PipelineBatchUpdateResultSchema = z.object({
  successful_pipelines_count: z.number().int(),
  successful_pipelines: z.array(z.string()),
  failed_pipelines_count: z.number().int(),
  failed_pipelines: z.array(open({ errorMsg: z.string() })),
});
/** See {@link PipelineBatchUpdateResultSchema}. */
export type PipelineBatchUpdateResult = z.infer<typeof PipelineBatchUpdateResultSchema>;

/** A service account (`/serviceAccounts`). */
export const ServiceAccountSchema = open({
  name: z.string(),
  memberOf: opt(z.array(z.string())),
  lastModified: opt(z.number()),
  lastModifiedBy: opt(z.string()),
});
/** See {@link ServiceAccountSchema}. */
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;

/** A project (`/v2/projects`); `createTs`/`updateTs` are numbers here. */
export const ProjectSchema = open({
  id: z.string(),
  name: z.string(),
  email: opt(z.string()),
  config: opt(
    open({
      applications: opt(z.array(z.string())),
      pipelineConfigs: opt(z.array(open({ application: z.string(), pipelineConfigId: z.string() }))),
      clusters: opt(z.array(open({}))),
    }),
  ),
  createTs: opt(EpochMsSchema),
  updateTs: opt(EpochMsSchema),
  lastModifiedBy: opt(z.string()),
});
/** See {@link ProjectSchema}. */
export type Project = z.infer<typeof ProjectSchema>;

/** An application's (or the global) notification config: one list per channel type. */
export const NotificationConfigSchema = open({
  application: opt(z.string()),
  lastModified: opt(z.number()),
  lastModifiedBy: opt(z.string()),
});
/** See {@link NotificationConfigSchema}. */
export type NotificationConfig = z.infer<typeof NotificationConfigSchema>;

/** A (v1) pipeline template: free-form with an id. */
export const PipelineTemplateSchema = open({ id: z.string() });
/** See {@link PipelineTemplateSchema}. */
export type PipelineTemplate = z.infer<typeof PipelineTemplateSchema>;
