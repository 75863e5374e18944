import { isPlainObject } from './guard.js';
import { ExpressionError } from './errors.js';
import type { HelperServices } from './context.js';
import type { ExpressionLimits } from './limits.js';
import { buildExecutionEvaluationContext, buildStageEvaluationContext } from './stage-context.js';
import type { ExpressionEvaluationSummaryJson } from './summary.js';
import { transformValue } from './transform.js';

/** Options of {@link evaluateExpressionForExecution}. */
export interface EvaluateForExecutionOptions {
  /** Evaluate in the context of this stage (the `/pipelines/{id}/{stageId}/evaluateExpression` form). */
  stageId?: string;
  currentUser?: string;
  services?: HelperServices;
  limits?: Partial<ExpressionLimits>;
}

/** What Spinnaker's evaluateExpression endpoints return: `{result, detail}`. */
export interface EvaluateExpressionResponse {
  result: unknown;
  detail?: ExpressionEvaluationSummaryJson;
}

/**
 * The core of orca's `GET /pipelines/{id}/evaluateExpression` (and gate's proxy of it): evaluates
 * one `${…}` template against a stored execution — with `stageId`, against that stage's context.
 * A failed expression comes back as the original text in `result` with the reason in `detail`.
 * Throws `ExpressionError` NOT_FOUND when the stage does not exist.
 */
export async function evaluateExpressionForExecution(
  execution: Record<string, unknown>,
  expression: string,
  options: EvaluateForExecutionOptions = {},
): Promise<EvaluateExpressionResponse> {
  let ctx;
  if (options.stageId !== undefined) {
    const stages = Array.isArray(execution.stages) ? execution.stages.filter(isPlainObject) : [];
    const stage = stages.find((s) => s.id === options.stageId);
    if (!stage) {
      throw new ExpressionError(
        'NOT_FOUND',
        `Stage ${options.stageId} not found in execution ${String(execution.id)}`,
      );
    }
    ctx = buildStageEvaluationContext(execution, stage, { currentUser: options.currentUser });
  } else {
    ctx = buildExecutionEvaluationContext(execution, { currentUser: options.currentUser });
  }
  const { value, summary } = await transformValue(
    { expression },
    { ...ctx, services: options.services },
    { limits: options.limits },
  );
  const response: EvaluateExpressionResponse = { result: value.expression };
  if (summary.failureCount > 0) response.detail = summary.toJSON();
  return response;
}
