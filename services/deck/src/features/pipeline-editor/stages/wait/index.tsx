import { NumberField, TextField } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

/** `wait`: pauses the pipeline for `waitTime` seconds (skippable from the execution view). */
export const waitStage = defineStageEditor({
  type: 'wait',
  label: 'Wait',
  description: 'Waits a number of seconds.',
  defaults: () => ({ name: 'Wait', waitTime: 30 }),
  validate: (stage): Record<string, string> => {
    const value = stage.waitTime;
    if (typeof value === 'string' && value.includes('${')) return {};
    return typeof value === 'number' && value >= 0
      ? {}
      : { waitTime: 'Wait time must be a number of seconds (0 or more).' };
  },
  Form: ({ stage, onChange, idPrefix, errors }) => (
    <>
      <NumberField
        id={`${idPrefix}-waitTime`}
        label="Wait time (seconds)"
        min={0}
        value={stage.waitTime}
        error={errors.waitTime}
        onChange={(waitTime) => onChange({ waitTime })}
      />
      <TextField
        id={`${idPrefix}-skipWaitText`}
        label="Skip-wait text (optional)"
        value={stage.skipWaitText}
        hint="Shown beside the Skip remaining wait button."
        onChange={(skipWaitText) => onChange({ skipWaitText: skipWaitText || undefined })}
      />
    </>
  ),
});
