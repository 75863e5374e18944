import { CheckboxField, KeyValuesField, TextField } from '../../../../components/fields.js';
import { defineStageEditor } from '../types.js';

/** `pipeline`: runs another pipeline (of this or another application), optionally waiting for it. */
export const pipelineStage = defineStageEditor({
  type: 'pipeline',
  label: 'Pipeline',
  description: 'Runs another pipeline.',
  defaults: () => ({
    name: 'Pipeline',
    application: '',
    pipeline: '',
    pipelineParameters: {},
    waitForCompletion: true,
  }),
  validate: (stage) => ({
    ...(stage.application ? {} : { application: 'Application is required.' }),
    ...(stage.pipeline ? {} : { pipeline: 'Pipeline (id) is required.' }),
  }),
  Form: ({ stage, onChange, idPrefix, errors }) => (
    <>
      <TextField
        id={`${idPrefix}-application`}
        label="Application"
        value={stage.application}
        error={errors.application}
        onChange={(application) => onChange({ application })}
      />
      <TextField
        id={`${idPrefix}-pipeline`}
        label="Pipeline id"
        value={stage.pipeline}
        error={errors.pipeline}
        onChange={(pipeline) => onChange({ pipeline })}
      />
      <KeyValuesField
        id={`${idPrefix}-parameters`}
        label="Parameters (key=value per line)"
        value={stage.pipelineParameters}
        onChange={(pipelineParameters) => onChange({ pipelineParameters })}
      />
      <CheckboxField
        id={`${idPrefix}-wait`}
        label="Wait for completion"
        checked={stage.waitForCompletion}
        onChange={(waitForCompletion) => onChange({ waitForCompletion })}
      />
    </>
  ),
});
