import { useEffect, useRef, useState, type FormEvent } from 'react';
import { APPLICATION_NAME_PATTERN, splitList } from './applicationView.js';
import type { CreateState } from './useCreateApplication.js';
import type { NewApplication } from '../../api/applications.js';

/** Props of {@link CreateApplicationForm}. */
export interface CreateApplicationFormProps {
  state: CreateState;
  onSubmit: (app: NewApplication) => void;
  onClose: () => void;
}

type Field = 'name' | 'email' | 'cloudProviders';

/** Field errors of the create form; empty when it may be sent. */
function validate(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!APPLICATION_NAME_PATTERN.test(values.name.trim())) {
    errors.name = 'Name must start with a letter and hold only letters, digits and dashes (at most 63).';
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = 'Owner email must be an email address.';
  if (splitList(values.cloudProviders).length === 0)
    errors.cloudProviders = 'Name at least one cloud provider.';
  return errors;
}

/** The create-application form: validates, submits the task, and reports its progress and result. */
export function CreateApplicationForm({ state, onSubmit, onClose }: CreateApplicationFormProps) {
  const [values, setValues] = useState({
    name: '',
    email: '',
    cloudProviders: 'kubernetes',
    description: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const nameInput = useRef<HTMLInputElement>(null);
  const busy = state.phase === 'submitting' || state.phase === 'running';

  useEffect(() => nameInput.current?.focus(), []);

  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`create-app-${first}`)?.focus();
      return;
    }
    onSubmit({
      name: values.name.trim().toLowerCase(),
      email: values.email.trim(),
      cloudProviders: splitList(values.cloudProviders),
      description: values.description.trim() || undefined,
    });
  };

  const field = (name: Field, label: string, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`create-app-${name}`}>{label}</label>
      <input
        id={`create-app-${name}`}
        ref={name === 'name' ? nameInput : undefined}
        type={type}
        value={values[name]}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={
          errors[name] ? `create-app-${name}-error` : hint ? `create-app-${name}-hint` : undefined
        }
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
      {hint && !errors[name] ? (
        <small id={`create-app-${name}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {errors[name] ? (
        <small id={`create-app-${name}-error`} className="field__error">
          {errors[name]}
        </small>
      ) : null}
    </div>
  );

  return (
    <form className="card form" aria-labelledby="create-app-heading" onSubmit={onFormSubmit} noValidate>
      <h2 id="create-app-heading">New application</h2>
      {field('name', 'Name')}
      {field('email', 'Owner email', 'email')}
      {field('cloudProviders', 'Cloud providers', 'text', 'Comma-separated, e.g. kubernetes')}
      <div className="field">
        <label htmlFor="create-app-description">Description</label>
        <textarea
          id="create-app-description"
          rows={2}
          value={values.description}
          onChange={(event) => setValues({ ...values, description: event.target.value })}
        />
      </div>
      <div role="status" aria-live="polite" data-testid="create-app-status">
        {state.phase === 'submitting' ? 'Submitting the task…' : null}
        {state.phase === 'running' ? `Creating the application (task ${state.status})…` : null}
        {state.phase === 'succeeded' ? 'Application created.' : null}
      </div>
      {state.phase === 'failed' ? (
        <div className="error-panel" role="alert">
          <p className="error-panel__title">Could not create the application</p>
          <p>{state.message}</p>
        </div>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create'}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
