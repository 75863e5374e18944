import { TextField } from '../../../components/fields.js';
import { JenkinsJobFields } from '../JenkinsJobFields.js';
import { defineTriggerEditor, type TriggerFormProps } from './types.js';

function JenkinsForm({ trigger, onChange, idPrefix }: TriggerFormProps) {
  return (
    <>
      <JenkinsJobFields master={trigger.master} job={trigger.job} idPrefix={idPrefix} onChange={onChange} />
      <TextField
        id={`${idPrefix}-propertyFile`}
        label="Property file (optional)"
        value={trigger.propertyFile}
        onChange={(propertyFile) => onChange({ propertyFile: propertyFile || undefined })}
      />
    </>
  );
}

/** `jenkins`: runs the pipeline when a Jenkins job's build succeeds (igor polls the master). */
export const jenkinsTrigger = defineTriggerEditor({
  type: 'jenkins',
  label: 'Jenkins',
  defaults: () => ({ master: '', job: '' }),
  Form: JenkinsForm,
});
