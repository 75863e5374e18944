import { CheckboxField, KeyValuesField, TextField } from '../../../../components/fields.js';
import { JenkinsJobFields } from '../../JenkinsJobFields.js';
import { defineStageEditor } from '../types.js';

/** `jenkins`: runs a Jenkins job with parameters and waits for its build (igor). */
export const jenkinsStage = defineStageEditor({
  type: 'jenkins',
  label: 'Jenkins',
  description: 'Runs a Jenkins job and waits for its build.',
  defaults: () => ({ name: 'Jenkins', master: '', job: '', parameters: {} }),
  validate: (stage): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (!String(stage.master ?? '').trim()) errors.master = 'Choose a Jenkins master.';
    if (!String(stage.job ?? '').trim()) errors.job = 'Choose a job.';
    return errors;
  },
  Form: ({ stage, onChange, idPrefix, errors }) => (
    <>
      <JenkinsJobFields
        master={stage.master}
        job={stage.job}
        idPrefix={idPrefix}
        errors={errors}
        onChange={onChange}
      />
      <KeyValuesField
        id={`${idPrefix}-parameters`}
        label="Job parameters (key=value per line)"
        value={stage.parameters}
        onChange={(parameters) => onChange({ parameters })}
      />
      <TextField
        id={`${idPrefix}-propertyFile`}
        label="Property file (optional)"
        value={stage.propertyFile}
        onChange={(propertyFile) => onChange({ propertyFile: propertyFile || undefined })}
      />
      <CheckboxField
        id={`${idPrefix}-markUnstableAsSuccessful`}
        label="Treat an UNSTABLE build as successful"
        checked={stage.markUnstableAsSuccessful}
        onChange={(markUnstableAsSuccessful) => onChange({ markUnstableAsSuccessful })}
      />
    </>
  ),
});
