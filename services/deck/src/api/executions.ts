import {
  ExecutionStatusSchema,
  RefIdSchema,
  PipelineExecutionSchema,
  PipelineSchema,
  type PipelineExecution,
  type Pipeline,
} from '@genoa/shared';
import { z } from 'zod';
import { gateGet, gateSend } from './gate-client.js';
import { TaskRefAnswerSchema } from './applications.js';

import { executionsPath, pipelineConfigsPath } from './paths.js';

/** An application's pipeline configs (front50, through gate). */
export const getPipelineConfigs = (application: string, signal?: AbortSignal): Promise<Pipeline[]> =>
  gateGet(pipelineConfigsPath(application), z.array(PipelineSchema), { signal });

/** A stage as the executions list reads it (other fields pass through unchecked). */
const StageSummarySchema = z.looseObject({
  id: z.string(),
  refId: RefIdSchema.nullish(),
  type: z.string(),
  name: z.string().nullish(),
  status: ExecutionStatusSchema,
  startTime: z.number().nullish(),
  endTime: z.number().nullish(),
  parentStageId: z.string().nullish(),
  syntheticStageOwner: z.string().nullish(),
  requisiteStageRefIds: z.array(RefIdSchema).nullish(),
  context: z.record(z.string(), z.unknown()),
});

/**
 * An execution as the executions list reads it: the fields the list shows are checked, the rest
 * (contexts, outputs, tasks) pass through unchecked — a list of 10,000 executions must parse in
 * milliseconds, not seconds. The details page parses one execution with the full schema.
 */
export const ExecutionSummarySchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  application: z.string(),
  name: z.string().nullish(),
  status: ExecutionStatusSchema,
  pipelineConfigId: z.string().nullish(),
  buildTime: z.number().nullish(),
  startTime: z.number().nullish(),
  endTime: z.number().nullish(),
  trigger: z
    .looseObject({
      type: z.string().nullish(),
      user: z.string().nullish(),
      parameters: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  stages: z.array(StageSummarySchema),
});

/** An application's recent executions, up to `limit` per pipeline config (list shape, see {@link ExecutionSummarySchema}). */
export const getExecutions = async (
  application: string,
  limit: number,
  signal?: AbortSignal,
): Promise<PipelineExecution[]> =>
  (await gateGet(executionsPath(application, limit), z.array(ExecutionSummarySchema), {
    signal,
  })) as PipelineExecution[];

/**
 * Starts `pipelineName` manually with `parameters` (gate → orca `/orchestrate`); resolves with gate's
 * ref. `trigger` carries extra trigger fields (a re-run sends the old trigger's artifacts).
 */
export const startPipeline = async (
  application: string,
  pipelineName: string,
  parameters: Record<string, unknown>,
  trigger: Record<string, unknown> = {},
): Promise<string> => {
  const path = `/pipelines/${encodeURIComponent(application)}/${encodeURIComponent(pipelineName)}`;
  const body = { ...trigger, type: 'manual', parameters };
  const answer = await gateSend('POST', path, body, TaskRefAnswerSchema.partial());
  return answer.ref ?? '';
};

/** One execution with its stages, contexts, outputs and tasks (`GET /pipelines/{id}`). */
export const getExecution = (id: string, signal?: AbortSignal): Promise<PipelineExecution> =>
  gateGet(`/pipelines/${encodeURIComponent(id)}`, PipelineExecutionSchema, { signal });

const execPath = (id: string) => `/pipelines/${encodeURIComponent(id)}`;

/** Pauses (`pause`) or resumes (`resume`) a running execution. */
export const pauseOrResume = (id: string, action: 'pause' | 'resume'): Promise<unknown> =>
  gateSend('PUT', `${execPath(id)}/${action}`, undefined, z.unknown());

/** Restarts a stage of an execution (gate sends orca the current pipeline config). */
export const restartStage = (id: string, stageId: string): Promise<unknown> =>
  gateSend('PUT', `${execPath(id)}/stages/${encodeURIComponent(stageId)}/restart`, {}, z.unknown());

/** Merges `patch` into a stage's context (`skipRemainingWait`, `manualSkip`, judgments). */
export const patchStage = (id: string, stageId: string, patch: Record<string, unknown>): Promise<unknown> =>
  gateSend('PATCH', `${execPath(id)}/stages/${encodeURIComponent(stageId)}`, patch, z.unknown());

/** Cancels a running execution, with an optional reason. */
export const cancelExecution = (id: string, reason: string): Promise<unknown> =>
  gateSend(
    'PUT',
    `/pipelines/${encodeURIComponent(id)}/cancel?reason=${encodeURIComponent(reason)}`,
    undefined,
    z.unknown(),
  );

/** A manual judgment decision. */
export type JudgmentStatus = 'continue' | 'stop';

/** Answers a RUNNING manualJudgment stage (Spinnaker's `PATCH /pipelines/{id}/stages/{stageId}`). */
export const judgeStage = (
  executionId: string,
  stageId: string,
  judgmentStatus: JudgmentStatus,
  judgmentInput?: string,
): Promise<unknown> =>
  gateSend(
    'PATCH',
    `/pipelines/${encodeURIComponent(executionId)}/stages/${encodeURIComponent(stageId)}`,
    judgmentInput ? { judgmentStatus, judgmentInput } : { judgmentStatus },
    z.unknown(),
  );
