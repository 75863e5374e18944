import { TextAreaField } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

interface Precondition {
  type: string;
  failPipeline?: boolean;
  context?: { expression?: string; failureMessage?: string };
}

const toText = (value: unknown): string =>
  Array.isArray(value)
    ? (value as Precondition[])
        .filter((p) => p.type === 'expression')
        .map((p) =>
          [p.context?.expression ?? '', p.context?.failureMessage ?? ''].filter(Boolean).join(' | '),
        )
        .join('\n')
    : '';

/** `expression | failure message` lines as expression preconditions. */
export const preconditionsFromText = (text: string): Precondition[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [expression = '', failureMessage] = line.split('|').map((s) => s.trim());
      return {
        type: 'expression',
        failPipeline: true,
        context: { expression, ...(failureMessage ? { failureMessage } : {}) },
      };
    });

/** `checkPreconditions`: fails the pipeline unless each expression is true. */
export const checkPreconditionsStage = defineStageEditor({
  type: 'checkPreconditions',
  label: 'Check Preconditions',
  description: 'Checks expressions and stops the pipeline when one is false.',
  defaults: () => ({ name: 'Check Preconditions', preconditions: [] }),
  Form: ({ stage, onChange, idPrefix }) => (
    <TextAreaField
      id={`${idPrefix}-preconditions`}
      label="Expressions (one per line: expression | failure message)"
      monospace
      value={toText(stage.preconditions)}
      hint={'e.g. ${trigger.parameters.env == "prod"} | only prod'}
      onChange={(text) => onChange({ preconditions: preconditionsFromText(text) })}
    />
  ),
});
