import { z } from 'zod';
import { ExecutionStatusSchema } from '../../model/execution-status.js';
import { ExecutionTypeSchema, SyntheticStageOwnerSchema, TriggerSchema } from '../../model/execution.js';
import { PipelineSchema } from '../../model/pipeline.js';

/** The ids every engine message carries (Orca's ExecutionLevel). */
const executionLevel = {
  executionType: ExecutionTypeSchema,
  executionId: z.string().min(1),
  application: z.string().min(1),
};
const stageLevel = { ...executionLevel, stageId: z.string().min(1) };
const taskLevel = { ...stageLevel, taskId: z.string().min(1) };

const message = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), ...shape });

/**
 * Orca engine messages, one per `kind`, carrying ids only (engine.md §3.1). Every handler re-reads
 * the execution, so a redelivered message sees current truth.
 */
export const EngineMessageSchema = z.discriminatedUnion('kind', [
  message('startExecution', executionLevel),
  message('rescheduleExecution', executionLevel),
  message('completeExecution', executionLevel),
  message('resumeExecution', executionLevel),
  message('cancelExecution', {
    ...executionLevel,
    user: z.string().optional(),
    reason: z.string().optional(),
  }),
  message('startWaitingExecutions', { pipelineConfigId: z.string().min(1), purgeQueue: z.boolean() }),
  message('startStage', stageLevel),
  message('continueParentStage', { ...stageLevel, phase: SyntheticStageOwnerSchema }),
  message('completeStage', stageLevel),
  message('skipStage', stageLevel),
  message('abortStage', stageLevel),
  message('pauseStage', stageLevel),
  message('resumeStage', stageLevel),
  message('restartStage', { ...stageLevel, user: z.string().optional() }),
  message('cancelStage', stageLevel),
  message('startTask', taskLevel),
  message('runTask', taskLevel),
  message('completeTask', {
    ...taskLevel,
    status: ExecutionStatusSchema,
    originalStatus: ExecutionStatusSchema.optional(),
  }),
  message('pauseTask', taskLevel),
  message('resumeTask', taskLevel),
]);
/** See {@link EngineMessageSchema}. */
export type EngineMessage = z.infer<typeof EngineMessageSchema>;
/** The `kind` of an engine message. */
export type EngineMessageKind = EngineMessage['kind'];

/**
 * A request to start a pipeline, put on `orca-pipeline-requests` by echo (triggers) and gate
 * (manual runs). `requestKey` makes the start idempotent: a second request with the same key is
 * answered with the first execution instead of starting another.
 */
export const PipelineStartRequestSchema = z.object({
  requestKey: z.string().min(1),
  pipeline: PipelineSchema,
  trigger: TriggerSchema,
  user: z.string().optional(),
  origin: z.string().optional(),
  correlationId: z.string().optional(),
});
/** See {@link PipelineStartRequestSchema}. */
export type PipelineStartRequest = z.infer<typeof PipelineStartRequestSchema>;
