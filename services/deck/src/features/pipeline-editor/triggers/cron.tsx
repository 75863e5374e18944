import { useEffect, useState } from 'react';
import { validateCron, type CronVerdict } from '../../../api/cron.js';
import { TextField } from '../../../components/fields.js';
import { cronFeedback } from './cronPreview.js';
import { defineTriggerEditor, type TriggerFormProps } from './types.js';

/** How long deck waits after the last keystroke before asking gate. */
const VALIDATE_DELAY_MS = 300;

function CronForm({ trigger, onChange, idPrefix }: TriggerFormProps) {
  const expression = String(trigger.cronExpression ?? '');
  const [server, setServer] = useState<{ expression: string; verdict: CronVerdict }>();
  useEffect(() => {
    if (!expression.trim()) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      validateCron(expression, controller.signal).then(
        (verdict) => setServer({ expression, verdict }),
        () => undefined, // gate without /cron/validate (or unreachable): the browser preview stays
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [expression]);
  const feedback = cronFeedback(expression, server);
  return (
    <TextField
      id={`${idPrefix}-cron`}
      label="Cron expression (Quartz: s m h dom mon dow)"
      value={expression}
      hint={feedback.valid ? <span data-testid="cron-preview">{feedback.text}</span> : undefined}
      error={feedback.valid ? undefined : feedback.message}
      onChange={(cronExpression) => onChange({ cronExpression })}
    />
  );
}

/** `cron`: runs the pipeline on a Quartz schedule (echo's scheduler). */
export const cronTrigger = defineTriggerEditor({
  type: 'cron',
  label: 'CRON',
  defaults: () => ({ cronExpression: '0 0 12 * * ?' }),
  Form: CronForm,
});
