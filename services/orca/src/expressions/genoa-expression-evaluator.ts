import {
  buildExecutionEvaluationContext,
  buildStageEvaluationContext,
  evaluateExpression,
  ExpressionEvaluationSummary,
  transformValue,
  type EvaluationContext,
  type HelperServices,
} from '@genoa/expressions';
import type { EvaluationScope, ExpressionEvaluator, ExpressionSummary } from '../ports.js';

type Json = Record<string, unknown>;

/**
 * The {@link ExpressionEvaluator} on `@genoa/expressions`: Spinnaker's SpEL subset in a sandbox,
 * with orca's evaluation context (stage context, ancestor outputs, trigger, parameters, execution).
 */
export class GenoaExpressionEvaluator implements ExpressionEvaluator {
  constructor(private readonly services: HelperServices = {}) {}

  private context(scope: EvaluationScope): EvaluationContext {
    const user = scope.execution.authentication?.user ?? undefined;
    const base = scope.stage
      ? buildStageEvaluationContext(scope.execution as Json, scope.stage as Json, { currentUser: user })
      : buildExecutionEvaluationContext(scope.execution as Json, { currentUser: user });
    return { ...base, root: { ...base.root, ...(scope.extra ?? {}) }, services: this.services };
  }

  async evaluateTree(value: unknown, scope: EvaluationScope, now: number) {
    const summary = new ExpressionEvaluationSummary(() => now);
    const out = await transformValue(value, this.context(scope), { summary });
    return { value: out.value, summary: summary.toJSON() as ExpressionSummary };
  }

  async evaluateExpression(expression: string, scope: EvaluationScope, now: number) {
    try {
      return { value: await evaluateExpression(expression, this.context(scope)), summary: {} };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const summary: ExpressionSummary = {
        [expression]: [
          {
            description: `Failed to evaluate [${expression}] ${e.message}`,
            exceptionType: e.name,
            timestamp: now,
            level: 'ERROR',
          },
        ],
      };
      return { value: undefined, summary };
    }
  }
}
