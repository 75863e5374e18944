import { TextField } from '../../../components/fields.js';
import { describeCron } from './cronPreview.js';
import { defineTriggerEditor } from './types.js';

/** `cron`: runs the pipeline on a Quartz schedule (echo's scheduler). */
export const cronTrigger = defineTriggerEditor({
  type: 'cron',
  label: 'CRON',
  defaults: () => ({ cronExpression: '0 0 12 * * ?' }),
  Form: ({ trigger, onChange, idPrefix }) => {
    const expression = String(trigger.cronExpression ?? '');
    const preview = describeCron(expression);
    return (
      <TextField
        id={`${idPrefix}-cron`}
        label="Cron expression (Quartz: s m h dom mon dow)"
        value={expression}
        hint={preview.valid ? <span data-testid="cron-preview">{preview.text}</span> : undefined}
        error={preview.valid ? undefined : preview.message}
        onChange={(cronExpression) => onChange({ cronExpression })}
      />
    );
  },
});
