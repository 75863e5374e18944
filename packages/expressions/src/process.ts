import type { EvaluationContext } from './context.js';
import { isPlainObject } from './guard.js';
import { ExpressionEvaluationSummary } from './summary.js';
import { transformValue, type TransformOptions } from './transform.js';

type Json = Record<string, unknown>;

/** The context key Spinnaker stores failures under. */
export const SUMMARY_KEY = 'expressionEvaluationSummary';

/** Options of {@link processStageContext}. */
export interface ProcessStageOptions extends TransformOptions {
  /** Skip evaluation for the whole pipeline (a pipeline-level `skipExpressionEvaluation`). */
  pipelineSkipExpressionEvaluation?: boolean;
  /**
   * With the stage's `skipExpressionEvaluation: true`, only these keys are left unevaluated (as
   * deployManifest leaves `manifests`); when omitted the whole context is left alone.
   */
  keysSkippedByStageFlag?: readonly string[];
}

/** The outcome of processing a stage context. */
export interface ProcessedStage {
  /** The evaluated context; it carries `expressionEvaluationSummary` when anything failed. */
  context: Json;
  summary: ExpressionEvaluationSummary;
  /** True when the stage asked for `failOnFailedExpressions` and there is any summary entry. */
  shouldFail: boolean;
  /** True when evaluation was skipped entirely. */
  skipped: boolean;
}

/**
 * Evaluates a stage context (V4 stage-level evaluation), honouring `skipExpressionEvaluation` on the
 * stage and the pipeline, and reporting `failOnFailedExpressions`. The caller decides what to do
 * with `shouldFail` (orca makes the stage TERMINAL).
 */
export async function processStageContext(
  context: Json,
  ctx: EvaluationContext,
  options: ProcessStageOptions = {},
): Promise<ProcessedStage> {
  const summary = options.summary ?? new ExpressionEvaluationSummary();
  const stageSkip = context.skipExpressionEvaluation === true;
  if (options.pipelineSkipExpressionEvaluation || (stageSkip && !options.keysSkippedByStageFlag)) {
    return { context, summary, shouldFail: false, skipped: true };
  }
  const held: Json = {};
  const input: Json = { ...context };
  if (stageSkip) {
    for (const key of options.keysSkippedByStageFlag ?? []) {
      if (key in input) {
        held[key] = input[key];
        delete input[key];
      }
    }
  }
  const { value } = await transformValue(input, ctx, { ...options, summary });
  const out: Json = { ...value, ...held };
  if (summary.failureCount > 0) out[SUMMARY_KEY] = summary.toJSON();
  return {
    context: out,
    summary,
    shouldFail: context.failOnFailedExpressions === true && summary.failureCount > 0,
    skipped: false,
  };
}

/**
 * Trigger-time evaluation of a whole pipeline config (orca's `processPipeline`): with V4 the
 * `stages` are left for stage-level evaluation; with V3 everything is evaluated now. A pipeline with
 * `skipExpressionEvaluation: true` is returned unchanged.
 */
export async function processPipelineConfig(
  pipeline: Json,
  ctx: EvaluationContext,
  options: TransformOptions & { spelVersion?: 'v3' | 'v4' } = {},
): Promise<{ pipeline: Json; summary: ExpressionEvaluationSummary }> {
  const summary = options.summary ?? new ExpressionEvaluationSummary();
  if (pipeline.skipExpressionEvaluation === true) return { pipeline, summary };
  const version =
    options.spelVersion ?? (String(pipeline.spelEvaluator ?? '').toLowerCase() === 'v4' ? 'v4' : 'v3');
  const { stages, ...rest } = pipeline;
  const input = version === 'v4' ? rest : pipeline;
  const { value } = await transformValue(
    input,
    { ...ctx, allowUnknownKeys: ctx.allowUnknownKeys ?? false },
    { ...options, summary },
  );
  const out: Json = isPlainObject(value) ? { ...value } : {};
  if (version === 'v4' && stages !== undefined) out.stages = stages;
  return { pipeline: out, summary };
}
