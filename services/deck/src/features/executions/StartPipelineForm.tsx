import type { Pipeline } from '@genoa/shared';
import { useState, type FormEvent } from 'react';
import { startPipeline } from '../../api/executions.js';
import { Dialog } from '../../components/Dialog.js';
import { initialParameterValues, parameterOptions, validateParameters } from './parameterForm.js';

/** Props of {@link StartPipelineForm}. */
export interface StartPipelineFormProps {
  application: string;
  pipeline: Pipeline & { name: string };
  /** Called with gate's ref (`/pipelines/<id>`) once the run was accepted. */
  onStarted: (ref: string) => void;
  onClose: () => void;
  /** A re-run: the trigger of the run to repeat (its parameters prefill the form, its artifacts are resent). */
  previousTrigger?: { parameters?: Record<string, unknown> | null; artifacts?: unknown[] | null } | undefined;
}

/**
 * The manual-execution dialog: one field per `parameterConfig` entry (defaults, required, options),
 * validated before anything is sent; for a re-run, prefilled with the earlier run's parameters.
 */
export function StartPipelineForm({
  application,
  pipeline,
  onStarted,
  onClose,
  previousTrigger,
}: StartPipelineFormProps) {
  const parameters = pipeline.parameterConfig ?? [];
  const [values, setValues] = useState(() =>
    initialParameterValues(parameters, previousTrigger?.parameters ?? {}),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const idOf = (name: string) => `param-${pipeline.name}-${name}`.replace(/[^\w-]/g, '_');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateParameters(parameters, values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      document.getElementById(idOf(first))?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    // A re-run repeats the earlier trigger's parameters the form does not show, and its artifacts.
    const extra = { ...(previousTrigger?.parameters ?? {}), ...values };
    const trigger = previousTrigger?.artifacts ? { artifacts: previousTrigger.artifacts } : {};
    startPipeline(application, pipeline.name, extra, trigger).then(
      (ref) => {
        setSending(false);
        onStarted(ref);
      },
      (err: unknown) => {
        setSending(false);
        setFailure(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <Dialog title={`${previousTrigger ? 'Re-run' : 'Start'} ${pipeline.name}`} onClose={onClose}>
      <form className="form start-form" onSubmit={submit} noValidate aria-label={`Start ${pipeline.name}`}>
        {parameters.length === 0 ? <p className="muted">This pipeline takes no parameters.</p> : null}
        {parameters.map((parameter) => {
          const id = idOf(parameter.name);
          const options = parameterOptions(parameter);
          const error = errors[parameter.name];
          const describedBy = [error ? `${id}-error` : '', parameter.description ? `${id}-hint` : '']
            .filter(Boolean)
            .join(' ');
          const common = {
            id,
            value: values[parameter.name] ?? '',
            required: parameter.required ?? false,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': describedBy || undefined,
          };
          const onChange = (value: string) => setValues({ ...values, [parameter.name]: value });
          return (
            <div className="field" key={parameter.name}>
              <label htmlFor={id}>
                {parameter.label || parameter.name}
                {parameter.required ? ' (required)' : ''}
              </label>
              {options.length > 0 ? (
                <select {...common} onChange={(event) => onChange(event.target.value)}>
                  {options.map((option) => (
                    <option key={option}>{option}</option>
                  ))}
                </select>
              ) : (
                <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
              )}
              {parameter.description ? (
                <small id={`${id}-hint`} className="muted">
                  {parameter.description}
                </small>
              ) : null}
              {error ? (
                <small id={`${id}-error`} className="field__error">
                  {error}
                </small>
              ) : null}
            </div>
          );
        })}
        {failure ? (
          <p className="field__error" role="alert">
            Could not start {pipeline.name}: {failure}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={sending}>
            {sending ? 'Starting…' : 'Run'}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
