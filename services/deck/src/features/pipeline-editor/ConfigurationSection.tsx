import type { ParameterConfig, Pipeline, TriggerConfig } from '@genoa/shared';
import { useState } from 'react';
import {
  CheckboxField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/fields.js';
import { JsonObjectField } from './JsonObjectField.js';
import { NotificationsEditor } from './NotificationsEditor.js';
import { PIPELINE_EVENTS } from './notifications.js';
import { triggerEditorFor, triggerEditors } from './triggers/index.js';

/** Props of {@link ConfigurationSection}. */
export interface ConfigurationSectionProps {
  pipeline: Pipeline;
  onChange(patch: Partial<Pipeline>): void;
}

const replaceAt = <T,>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));

function TriggersEditor({ pipeline, onChange }: ConfigurationSectionProps) {
  const triggers = pipeline.triggers ?? [];
  const [type, setType] = useState(triggerEditors[0]?.type ?? 'webhook');
  const set = (next: TriggerConfig[]) => onChange({ triggers: next });
  return (
    <section className="card" aria-labelledby="triggers-title">
      <h2 id="triggers-title">Automated triggers</h2>
      {triggers.length === 0 ? (
        <p className="muted">No triggers: this pipeline runs only when started.</p>
      ) : null}
      {triggers.map((trigger, index) => {
        const editor = triggerEditorFor(trigger.type);
        const idPrefix = `trigger-${index}`;
        const patch = (p: Record<string, unknown>) => set(replaceAt(triggers, index, { ...trigger, ...p }));
        return (
          <fieldset
            key={index}
            className="trigger"
            aria-label={`Trigger ${index + 1}: ${editor?.label ?? trigger.type}`}
          >
            <legend>{editor?.label ?? trigger.type}</legend>
            <CheckboxField
              id={`${idPrefix}-enabled`}
              label="Enabled"
              checked={trigger.enabled === true || trigger.enabled === 'true'}
              onChange={(enabled) => patch({ enabled })}
            />
            {editor ? (
              <editor.Form trigger={trigger} onChange={patch} idPrefix={idPrefix} />
            ) : (
              <JsonObjectField
                id={`${idPrefix}-json`}
                label="Trigger (JSON)"
                value={trigger}
                onChange={(value) => set(replaceAt(triggers, index, value as TriggerConfig))}
              />
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => set(triggers.filter((_, i) => i !== index))}
            >
              Remove trigger
            </button>
          </fieldset>
        );
      })}
      <div className="form__actions">
        <SelectField
          id="new-trigger-type"
          label="Trigger type"
          value={type}
          options={triggerEditors.map((t) => ({ value: t.type, label: t.label }))}
          onChange={setType}
        />
        <button
          type="button"
          className="button"
          onClick={() =>
            set([...triggers, { type, enabled: true, ...(triggerEditorFor(type)?.defaults() ?? {}) }])
          }
        >
          Add trigger
        </button>
      </div>
    </section>
  );
}

const optionsText = (p: ParameterConfig) => (p.options ?? []).map((o) => String(o.value ?? '')).join(', ');

function ParametersEditor({ pipeline, onChange }: ConfigurationSectionProps) {
  const parameters = pipeline.parameterConfig ?? [];
  const set = (next: ParameterConfig[]) => onChange({ parameterConfig: next });
  return (
    <section className="card" aria-labelledby="parameters-title">
      <h2 id="parameters-title">Parameters</h2>
      {parameters.length === 0 ? <p className="muted">No parameters.</p> : null}
      {parameters.map((parameter, index) => {
        const id = `parameter-${index}`;
        const patch = (p: Partial<ParameterConfig>) =>
          set(replaceAt(parameters, index, { ...parameter, ...p }));
        return (
          <fieldset key={index} className="parameter" aria-label={`Parameter ${index + 1}`}>
            <legend>{parameter.name || `Parameter ${index + 1}`}</legend>
            <TextField
              id={`${id}-name`}
              label="Name"
              value={parameter.name}
              error={parameter.name ? undefined : 'A parameter needs a name.'}
              onChange={(name) => patch({ name })}
            />
            <TextField
              id={`${id}-label`}
              label="Label"
              value={parameter.label}
              onChange={(label) => patch({ label: label || undefined })}
            />
            <TextField
              id={`${id}-description`}
              label="Description"
              value={parameter.description}
              onChange={(description) => patch({ description: description || undefined })}
            />
            <TextField
              id={`${id}-default`}
              label="Default"
              value={parameter.default}
              onChange={(value) => patch({ default: value })}
            />
            <CheckboxField
              id={`${id}-required`}
              label="Required"
              checked={parameter.required}
              onChange={(required) => patch({ required })}
            />
            <CheckboxField
              id={`${id}-pinned`}
              label="Pinned"
              checked={parameter.pinned}
              onChange={(pinned) => patch({ pinned })}
            />
            <TextField
              id={`${id}-options`}
              label="Options (comma-separated; empty for free text)"
              value={optionsText(parameter)}
              onChange={(text) => {
                const values = text
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean);
                patch({ hasOptions: values.length > 0, options: values.map((value) => ({ value })) });
              }}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => set(parameters.filter((_, i) => i !== index))}
            >
              Remove parameter
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() => set([...parameters, { name: '', required: false, hasOptions: false, options: [] }])}
      >
        Add parameter
      </button>
    </section>
  );
}

/** The pipeline-level configuration: triggers, parameters, execution options and description. */
export function ConfigurationSection(props: ConfigurationSectionProps) {
  const { pipeline, onChange } = props;
  return (
    <>
      <TriggersEditor {...props} />
      <ParametersEditor {...props} />
      <section className="card" aria-labelledby="notifications-title">
        <h2 id="notifications-title">Notifications</h2>
        <NotificationsEditor
          idPrefix="pipeline"
          level="pipeline"
          events={PIPELINE_EVENTS}
          notifications={pipeline.notifications ?? []}
          onChange={(notifications) => onChange({ notifications })}
        />
      </section>
      <section className="card" aria-labelledby="options-title">
        <h2 id="options-title">Execution options</h2>
        <CheckboxField
          id="limitConcurrent"
          label="Disable concurrent pipeline executions (only run one at a time)"
          checked={pipeline.limitConcurrent}
          onChange={(limitConcurrent) => onChange({ limitConcurrent })}
        />
        {pipeline.limitConcurrent ? (
          <CheckboxField
            id="keepWaitingPipelines"
            label="Do not automatically cancel pipelines waiting in queue"
            checked={pipeline.keepWaitingPipelines}
            onChange={(keepWaitingPipelines) => onChange({ keepWaitingPipelines })}
          />
        ) : (
          <NumberField
            id="maxConcurrentExecutions"
            label="Maximum concurrent executions (0 = unlimited)"
            min={0}
            value={pipeline.maxConcurrentExecutions ?? 0}
            onChange={(value) => onChange({ maxConcurrentExecutions: value ?? 0 })}
          />
        )}
        <TextAreaField
          id="description"
          label="Description"
          value={pipeline.description}
          onChange={(description) => onChange({ description })}
        />
      </section>
    </>
  );
}
