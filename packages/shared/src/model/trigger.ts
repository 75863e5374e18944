import { z } from 'zod';
import { ArtifactSchema, ExpectedArtifactSchema } from './artifact.js';
import { JsonMapSchema, open, opt } from './json.js';
import { NotificationSchema } from './notification.js';

/**
 * A trigger as configured on a pipeline (`pipeline.triggers[]`). Trigger configs are free-form maps
 * keyed by `type` (jenkins, webhook, cron, pipeline, docker, git, pubsub…); type-specific keys stay
 * as they are. Front50 reads `enabled` leniently: a boolean or the strings "true"/"false".
 */
export const TriggerConfigSchema = open({
  type: z.string(),
  enabled: opt(z.union([z.boolean(), z.string()])),
  id: opt(z.string()),
  expectedArtifactIds: opt(z.array(z.string())),
  runAsUser: opt(z.string()),
});
/** See {@link TriggerConfigSchema}. */
export type TriggerConfig = z.infer<typeof TriggerConfigSchema>;

/**
 * The core fields of the trigger an execution was started by (`execution.trigger`), as Orca's
 * DefaultTrigger has them. The schema itself, which can embed a parent execution, is
 * `TriggerSchema` in `execution.ts`.
 */
export const triggerCoreShape = {
  type: opt(z.string()),
  user: opt(z.string()),
  correlationId: opt(z.string()),
  eventId: opt(z.string()),
  parameters: opt(JsonMapSchema),
  artifacts: opt(z.array(ArtifactSchema)),
  notifications: opt(z.array(NotificationSchema)),
  rebake: opt(z.boolean()),
  dryRun: opt(z.boolean()),
  strategy: opt(z.boolean()),
  expectedArtifacts: opt(z.array(ExpectedArtifactSchema)),
  resolvedExpectedArtifacts: opt(z.array(ExpectedArtifactSchema)),
  parentPipelineStageId: opt(z.string()),
};
