import { z } from 'zod';
import { ExecutionStatusSchema } from './execution-status.js';
import { JsonMapSchema, open, opt } from './json.js';
import { NotificationSchema } from './notification.js';
import { RefIdSchema } from './pipeline.js';
import { triggerCoreShape } from './trigger.js';

/** Orca's execution kinds: a pipeline run, or an ad-hoc task ("orchestration"). */
export const ExecutionTypeSchema = z.enum(['PIPELINE', 'ORCHESTRATION']);
/** See {@link ExecutionTypeSchema}. */
export type ExecutionType = z.infer<typeof ExecutionTypeSchema>;

/** Whether a synthetic stage runs before or after its parent. */
export const SyntheticStageOwnerSchema = z.enum(['STAGE_BEFORE', 'STAGE_AFTER']);
/** See {@link SyntheticStageOwnerSchema}. */
export type SyntheticStageOwner = z.infer<typeof SyntheticStageOwnerSchema>;

/** One task of a stage; `id` is its 1-based position as a string. */
export const TaskExecutionSchema = open({
  id: z.string(),
  name: z.string(),
  implementingClass: opt(z.string()),
  status: ExecutionStatusSchema,
  startTime: opt(z.number()),
  endTime: opt(z.number()),
  stageStart: opt(z.boolean()),
  stageEnd: opt(z.boolean()),
  loopStart: opt(z.boolean()),
  loopEnd: opt(z.boolean()),
  taskExceptionDetails: opt(JsonMapSchema),
});
/** See {@link TaskExecutionSchema}. */
export type TaskExecution = z.infer<typeof TaskExecutionSchema>;

/** Who last changed a stage by hand (manual judgment, skip). */
export const LastModifiedSchema = open({
  user: opt(z.string()),
  allowedAccounts: opt(z.array(z.string())),
  lastModifiedTime: opt(z.number()),
});

/** One stage of an execution, synthetic stages included. */
export const StageExecutionSchema = open({
  id: z.string(),
  refId: opt(RefIdSchema),
  type: z.string(),
  name: opt(z.string()),
  status: ExecutionStatusSchema,
  startTime: opt(z.number()),
  endTime: opt(z.number()),
  startTimeExpiry: opt(z.number()),
  scheduledTime: opt(z.number()),
  context: JsonMapSchema,
  outputs: opt(JsonMapSchema),
  tasks: opt(z.array(TaskExecutionSchema)),
  syntheticStageOwner: opt(SyntheticStageOwnerSchema),
  parentStageId: opt(z.string()),
  requisiteStageRefIds: opt(z.array(RefIdSchema)),
  lastModified: opt(LastModifiedSchema),
  additionalMetricTags: opt(z.record(z.string(), z.string())),
});
/** See {@link StageExecutionSchema}. */
export type StageExecution = z.infer<typeof StageExecutionSchema>;

/** The user an execution runs as. */
export const AuthenticationSchema = open({
  user: opt(z.string()),
  allowedAccounts: opt(z.array(z.string())),
});

/** Pause bookkeeping of an execution. */
export const PausedDetailsSchema = open({
  pausedBy: opt(z.string()),
  pauseTime: opt(z.number()),
  resumedBy: opt(z.string()),
  resumeTime: opt(z.number()),
  paused: opt(z.boolean()),
  pausedMs: opt(z.number()),
});

/** An append-only message shown to the user on an execution. */
export const SystemNotificationSchema = open({
  createdAt: opt(z.number()),
  group: opt(z.string()),
  message: opt(z.string()),
  closed: opt(z.boolean()),
});

/**
 * The trigger an execution was started by. Orca keeps every field it was given; a `pipeline`
 * trigger embeds the parent execution whole.
 */
export const TriggerSchema = z.looseObject({
  ...triggerCoreShape,
  get parentExecution(): z.ZodOptional<z.ZodNullable<typeof PipelineExecutionSchema>> {
    return PipelineExecutionSchema.nullish();
  },
});
/** See {@link TriggerSchema}. */
export type Trigger = z.infer<typeof TriggerSchema>;

/** A pipeline execution or orchestration, as Orca serves it (engine.md §2.1). */
export const PipelineExecutionSchema = z.looseObject({
  id: z.string(),
  type: ExecutionTypeSchema,
  application: z.string(),
  name: opt(z.string()),
  description: opt(z.string()),
  status: ExecutionStatusSchema,
  pipelineConfigId: opt(z.string()),
  buildTime: opt(z.number()),
  startTime: opt(z.number()),
  endTime: opt(z.number()),
  startTimeExpiry: opt(z.number()),
  canceled: opt(z.boolean()),
  canceledBy: opt(z.string()),
  cancellationReason: opt(z.string()),
  limitConcurrent: opt(z.boolean()),
  maxConcurrentExecutions: opt(z.number()),
  keepWaitingPipelines: opt(z.boolean()),
  paused: opt(PausedDetailsSchema),
  origin: opt(z.string()),
  authentication: opt(AuthenticationSchema),
  get trigger() {
    return TriggerSchema.nullish();
  },
  stages: z.array(StageExecutionSchema),
  notifications: opt(z.array(NotificationSchema)),
  initialConfig: opt(JsonMapSchema),
  systemNotifications: opt(z.array(SystemNotificationSchema)),
  spelEvaluator: opt(z.string()),
  templateVariables: opt(JsonMapSchema),
  partition: opt(z.string()),
  source: opt(open({ id: opt(z.string()), type: opt(z.string()), version: opt(z.string()) })),
});
/** See {@link PipelineExecutionSchema}. */
export type PipelineExecution = z.infer<typeof PipelineExecutionSchema>;
