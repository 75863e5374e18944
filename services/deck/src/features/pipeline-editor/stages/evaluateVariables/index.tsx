import { TextAreaField, formatKeyValues, parseKeyValues } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

const asMap = (value: unknown): Record<string, unknown> =>
  Array.isArray(value)
    ? Object.fromEntries((value as { key?: string; value?: unknown }[]).map((v) => [v.key ?? '', v.value]))
    : {};

/** `evaluateVariables`: evaluates expressions once and exposes them as pipeline variables. */
export const evaluateVariablesStage = defineStageEditor({
  type: 'evaluateVariables',
  label: 'Evaluate Variables',
  description: 'Evaluates expressions into variables later stages can use.',
  defaults: () => ({ name: 'Evaluate Variables', variables: [] }),
  Form: ({ stage, onChange, idPrefix }) => (
    <TextAreaField
      id={`${idPrefix}-variables`}
      label="Variables (name=expression per line)"
      monospace
      value={formatKeyValues(asMap(stage.variables))}
      onChange={(text) =>
        onChange({ variables: Object.entries(parseKeyValues(text)).map(([key, value]) => ({ key, value })) })
      }
    />
  ),
});
