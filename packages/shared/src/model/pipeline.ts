import { z } from 'zod';
import { ExpectedArtifactSchema } from './artifact.js';
import { EpochMsSchema, open, opt } from './json.js';
import { NotificationSchema } from './notification.js';
import { TriggerConfigSchema } from './trigger.js';

/** A stage's `refId` and upstream refs. Orca treats them as strings; old configs may hold numbers. */
export const RefIdSchema = z.union([z.string(), z.number()]);

/** `stageEnabled`: a SpEL expression (without `${}`) deciding whether the stage runs. */
export const StageEnabledSchema = open({
  type: opt(z.string()),
  expression: opt(z.string()),
});

/** `restrictedExecutionWindow`: hours and days a stage may run in, plus optional jitter. */
export const RestrictedExecutionWindowSchema = open({
  whitelist: opt(
    z.array(
      open({
        startHour: opt(z.number()),
        startMin: opt(z.number()),
        endHour: opt(z.number()),
        endMin: opt(z.number()),
      }),
    ),
  ),
  days: opt(z.array(z.number().int().min(1).max(7))),
  jitter: opt(
    open({
      enabled: opt(z.boolean()),
      minDelay: opt(z.number()),
      maxDelay: opt(z.number()),
      skipManual: opt(z.boolean()),
    }),
  ),
});

/**
 * The fields every stage config may carry (engine.md §1.2). Stage types add their own keys, which
 * are kept as they are; Orca copies everything but type/name/refId/requisiteStageRefIds into the
 * stage context.
 */
export const stageConfigShape = {
  type: z.string().min(1),
  name: opt(z.string()),
  refId: opt(RefIdSchema),
  requisiteStageRefIds: opt(z.array(RefIdSchema)),
  stageEnabled: opt(StageEnabledSchema),
  failPipeline: opt(z.boolean()),
  continuePipeline: opt(z.boolean()),
  completeOtherBranchesThenFail: opt(z.boolean()),
  failOnFailedExpressions: opt(z.boolean()),
  skipExpressionEvaluation: opt(z.boolean()),
  restrictExecutionDuringTimeWindow: opt(z.boolean()),
  restrictedExecutionWindow: opt(RestrictedExecutionWindowSchema),
  stageTimeoutMs: opt(z.number()),
  backoffPeriodMs: opt(z.number()),
  sendNotifications: opt(z.boolean()),
  notifications: opt(z.array(NotificationSchema)),
  expectedArtifacts: opt(z.array(ExpectedArtifactSchema)),
  comments: opt(z.string()),
  alias: opt(z.string()),
  group: opt(z.string()),
};

/** One stage in a pipeline config. */
export const StageConfigSchema = open(stageConfigShape);
/** See {@link StageConfigSchema}. */
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** One entry of `parameterConfig`: a pipeline parameter with its default, options and constraints. */
export const ParameterConfigSchema = open({
  name: z.string(),
  label: opt(z.string()),
  description: opt(z.string()),
  default: opt(z.union([z.string(), z.number(), z.boolean()])),
  required: opt(z.boolean()),
  pinned: opt(z.boolean()),
  hasOptions: opt(z.boolean()),
  options: opt(z.array(open({ value: opt(z.union([z.string(), z.number(), z.boolean()])) }))),
  constraint: opt(z.string()),
  condition: opt(z.unknown()),
});
/** See {@link ParameterConfigSchema}. */
export type ParameterConfig = z.infer<typeof ParameterConfigSchema>;

/**
 * A pipeline configuration as Front50 stores it and Deck edits it (also used for strategies).
 * `application` and `name` are optional here because exported pipelines often omit them; Front50's
 * save endpoint requires both.
 */
export const PipelineSchema = open({
  id: opt(z.string()),
  application: opt(z.string()),
  name: opt(z.string()),
  type: opt(z.string()),
  schema: opt(z.string()),
  description: opt(z.string()),
  index: opt(z.number()),
  disabled: opt(z.boolean()),
  stages: z.array(StageConfigSchema),
  triggers: opt(z.array(TriggerConfigSchema)),
  parameterConfig: opt(z.array(ParameterConfigSchema)),
  notifications: opt(z.array(NotificationSchema)),
  expectedArtifacts: opt(z.array(ExpectedArtifactSchema)),
  keepWaitingPipelines: opt(z.boolean()),
  limitConcurrent: opt(z.boolean()),
  maxConcurrentExecutions: opt(z.number().int().min(0)),
  spelEvaluator: opt(z.string()),
  locked: opt(open({ ui: opt(z.boolean()), allowUnlockUi: opt(z.boolean()), description: opt(z.string()) })),
  roles: opt(z.array(z.string())),
  serviceAccount: opt(z.string()),
  lastModifiedBy: opt(z.string()),
  updateTs: opt(EpochMsSchema),
  createTs: opt(EpochMsSchema),
  lastModified: opt(z.number()),
});
/** See {@link PipelineSchema}. */
export type Pipeline = z.infer<typeof PipelineSchema>;
