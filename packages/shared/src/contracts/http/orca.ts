import { z } from 'zod';
import { TriggerSchema } from '../../model/execution.js';
import { JsonMapSchema, opt } from '../../model/json.js';
import { PipelineSchema } from '../../model/pipeline.js';

/** Body of orca `POST /orchestrate` (gate `POST /pipelines/start`): a pipeline config plus its trigger. */
export const OrchestrateRequestSchema = PipelineSchema.extend({
  application: z.string().min(1),
  trigger: opt(TriggerSchema),
});
/** See {@link OrchestrateRequestSchema}. */
export type OrchestrateRequest = z.infer<typeof OrchestrateRequestSchema>;

/** orca's reply to `POST /orchestrate`: `{ref: "/pipelines/<executionId>"}`. */
export const PipelineRefSchema = z.object({ ref: z.string().regex(/^\/pipelines\/[^/]+$/) });
/** See {@link PipelineRefSchema}. */
export type PipelineRef = z.infer<typeof PipelineRefSchema>;

/** A comma-separated list in a query string. */
const csv = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
/** A boolean query flag. */
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

/** Query of `GET /executions` (orca `GET /pipelines`): executions per pipeline config, or by id. */
export const ExecutionsQuerySchema = z.object({
  pipelineConfigIds: csv,
  executionIds: csv,
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  statuses: csv,
  expand: flag,
});

/** Query of `GET /v2/applications/{app}/pipelines` and `GET /applications/{app}/tasks`. */
export const ApplicationExecutionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  statuses: csv,
  expand: flag,
});

/** Body of `PATCH /pipelines/{id}/stages/{stageId}`: merged into the stage context (manual judgment, skip). */
export const StagePatchSchema = JsonMapSchema.and(
  z.object({
    judgmentStatus: opt(z.string()),
    judgmentInput: opt(z.string()),
    skipRemainingWait: opt(z.boolean()),
    manualSkip: opt(z.boolean()),
  }),
);

/** Body of `POST /pipelines/{id}/evaluateExpression` when sent as JSON. */
export const EvaluateExpressionBodySchema = z.object({ expression: z.string().min(1) });

/** The reply of expression evaluation: the result, and the failure summary if any. */
export const EvaluateExpressionResultSchema = z.object({
  result: z.unknown(),
  detail: z.unknown().optional(),
});
