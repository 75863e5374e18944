import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

const payloadText = (stage: Record<string, unknown>): string =>
  typeof stage.payloadText === 'string'
    ? stage.payloadText
    : stage.payload === undefined
      ? ''
      : JSON.stringify(stage.payload, null, 2);

/** `webhook`: calls a URL, optionally waiting for a status URL to report completion. */
export const webhookStage = defineStageEditor({
  type: 'webhook',
  label: 'Webhook',
  description: 'Calls an HTTP endpoint.',
  defaults: () => ({ name: 'Webhook', url: '', method: 'POST', waitForCompletion: false }),
  validate: (stage) => {
    const errors: Record<string, string> = {};
    if (typeof stage.url !== 'string' || !/^(https?:\/\/|\$\{)/.test(stage.url))
      errors.url = 'URL must start with http:// or https://.';
    if (typeof stage.payloadText === 'string') errors.payload = 'Payload must be valid JSON.';
    return errors;
  },
  Form: ({ stage, onChange, idPrefix, errors }) => (
    <>
      <TextField
        id={`${idPrefix}-url`}
        label="URL"
        value={stage.url}
        error={errors.url}
        onChange={(url) => onChange({ url })}
      />
      <SelectField
        id={`${idPrefix}-method`}
        label="Method"
        value={stage.method ?? 'POST'}
        options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']}
        onChange={(method) => onChange({ method })}
      />
      <TextAreaField
        id={`${idPrefix}-payload`}
        label="Payload (JSON, optional)"
        monospace
        value={payloadText(stage)}
        error={errors.payload}
        onChange={(text) => {
          if (text.trim() === '') return onChange({ payload: undefined, payloadText: undefined });
          try {
            onChange({ payload: JSON.parse(text) as unknown, payloadText: undefined });
          } catch {
            onChange({ payloadText: text });
          }
        }}
      />
      <CheckboxField
        id={`${idPrefix}-wait`}
        label="Wait for completion"
        checked={stage.waitForCompletion}
        onChange={(waitForCompletion) => onChange({ waitForCompletion })}
      />
      {stage.waitForCompletion ? (
        <TextField
          id={`${idPrefix}-statusJsonPath`}
          label="Status JSON path"
          value={stage.statusJsonPath}
          onChange={(statusJsonPath) => onChange({ statusJsonPath, statusUrlResolution: 'getMethod' })}
        />
      ) : null}
    </>
  ),
});
