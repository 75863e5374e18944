import { KeyValuesField, TextField } from '../../../components/fields.js';
import { defineTriggerEditor } from './types.js';

/** `webhook`: runs the pipeline when gate receives `POST /webhooks/webhook/{source}` matching the constraints. */
export const webhookTrigger = defineTriggerEditor({
  type: 'webhook',
  label: 'Webhook',
  defaults: () => ({ source: '', payloadConstraints: {} }),
  Form: ({ trigger, onChange, idPrefix }) => (
    <>
      <TextField
        id={`${idPrefix}-source`}
        label="Source"
        value={trigger.source}
        hint={`Gate URL: /webhooks/webhook/${String(trigger.source ?? '') || '<source>'}`}
        onChange={(source) => onChange({ source })}
      />
      <KeyValuesField
        id={`${idPrefix}-constraints`}
        label="Payload constraints (field=regex per line)"
        value={trigger.payloadConstraints}
        onChange={(payloadConstraints) => onChange({ payloadConstraints })}
      />
    </>
  ),
});
