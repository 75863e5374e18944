import { evaluateVariablesTask } from '../tasks/evaluate-variables-task.js';
import { defineStage } from './define-stage.js';

/** One `variables[]` entry. */
interface Variable {
  value?: unknown;
  sourceValue?: unknown;
}

/** `evaluateVariables`: variables evaluated in order and published as outputs. */
export const evaluateVariablesStage = defineStage({
  type: 'evaluateVariables',
  evaluatesOwnContext: true,
  tasks: () => [{ name: 'evaluateVariables', task: evaluateVariablesTask }],
  prepareForRestart(stage) {
    const vars = (Array.isArray(stage.context.variables) ? stage.context.variables : []) as Variable[];
    stage.context.variables = vars.map((v) =>
      typeof v.sourceValue === 'string'
        ? { ...v, value: v.sourceValue.replaceAll('{', '${').replaceAll('$${', '${') }
        : v,
    );
  },
});
