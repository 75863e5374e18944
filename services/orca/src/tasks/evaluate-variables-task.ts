import type { ExpressionSummary } from '../ports.js';
import { defineTask, succeeded, terminal } from './define-task.js';

/** One `variables[]` entry of an evaluateVariables stage. */
interface Variable {
  key?: string;
  value?: unknown;
  description?: string;
  sourceValue?: unknown;
}

/**
 * EvaluateVariablesTask: evaluates `variables` in order (each sees the earlier ones) and outputs
 * `key → value`, so `${key}` works downstream. A variable that fails makes the stage TERMINAL.
 */
export const evaluateVariablesTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.pipeline.tasks.EvaluateVariablesTask',
  backoffMs: 1000,
  timeoutMs: 60_000,
  async run(input, services) {
    const variables = (
      Array.isArray(input.stage.context.variables) ? input.stage.context.variables : []
    ) as Variable[];
    const outputs: Record<string, unknown> = {};
    const summary: ExpressionSummary = {};
    const evaluated: Variable[] = [];
    for (const v of variables) {
      if (!v.key) continue;
      const scope = { execution: input.execution, stage: input.stage, extra: { ...outputs } };
      const out = await services.expressions.evaluateTree(v.value, scope, input.now);
      Object.assign(summary, out.summary);
      outputs[v.key] = out.value;
      const sourceValue =
        v.sourceValue ?? (typeof v.value === 'string' ? v.value.replaceAll('${', '{') : v.value);
      evaluated.push({ ...v, value: out.value, sourceValue });
    }
    const context = {
      variables: evaluated,
      ...(Object.keys(summary).length ? { expressionEvaluationSummary: summary } : {}),
    };
    const errors = Object.values(summary)
      .flat()
      .filter((f) => f.level === 'ERROR');
    if (errors.length > 0) return terminal(errors.map((f) => f.description).join('; '), context, input.now);
    return succeeded({ context, outputs });
  },
});
