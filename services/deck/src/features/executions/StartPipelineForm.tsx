import type { Pipeline } from '@genoa/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { startPipeline } from '../../api/executions.js';
import { initialParameterValues, parameterOptions, validateParameters } from './parameterForm.js';

/** Props of {@link StartPipelineForm}. */
export interface StartPipelineFormProps {
  application: string;
  pipeline: Pipeline & { name: string };
  onStarted: () => void;
  onClose: () => void;
}

/** The manual-execution form: one field per `parameterConfig` entry, validated before anything is sent. */
export function StartPipelineForm({ application, pipeline, onStarted, onClose }: StartPipelineFormProps) {
  const parameters = pipeline.parameterConfig ?? [];
  const [values, setValues] = useState(() => initialParameterValues(parameters));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  const idOf = (name: string) => `param-${pipeline.name}-${name}`.replace(/[^\w-]/g, '_');

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, button[type="submit"]')?.focus();
  }, []);

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
    startPipeline(application, pipeline.name, values).then(
      () => {
        setSending(false);
        onStarted();
      },
      (err: unknown) => {
        setSending(false);
        setFailure(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <form
      ref={form}
      className="form start-form"
      onSubmit={submit}
      noValidate
      aria-label={`Start ${pipeline.name}`}
    >
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
  );
}
