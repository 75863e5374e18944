import { TextField } from '../../../components/fields.js';
import { defineTriggerEditor } from './types.js';

/** `jenkins`: runs the pipeline when a Jenkins job's build succeeds (igor polls the master). */
export const jenkinsTrigger = defineTriggerEditor({
  type: 'jenkins',
  label: 'Jenkins',
  defaults: () => ({ master: '', job: '' }),
  Form: ({ trigger, onChange, idPrefix }) => (
    <>
      <TextField
        id={`${idPrefix}-master`}
        label="Master"
        value={trigger.master}
        onChange={(master) => onChange({ master })}
      />
      <TextField
        id={`${idPrefix}-job`}
        label="Job"
        value={trigger.job}
        onChange={(job) => onChange({ job })}
      />
      <TextField
        id={`${idPrefix}-propertyFile`}
        label="Property file (optional)"
        value={trigger.propertyFile}
        onChange={(propertyFile) => onChange({ propertyFile: propertyFile || undefined })}
      />
    </>
  ),
});
