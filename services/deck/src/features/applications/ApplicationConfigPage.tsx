import type { Application } from '@genoa/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  deleteApplicationTaskBody,
  getApplication,
  submitTask,
  updateApplicationTaskBody,
} from '../../api/applications.js';
import { GateError } from '../../api/gate-client.js';
import { AppNav } from '../../app/AppNav.js';
import { hrefTo } from '../../app/router.js';
import { Dialog } from '../../components/Dialog.js';
import { TextAreaField, TextField } from '../../components/fields.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import {
  AUTHORIZATIONS,
  configFormValues,
  configFromForm,
  validateConfig,
  type ConfigFormValues,
} from './applicationView.js';
import { useApplicationTask, type CreateState } from './useCreateApplication.js';

/** A task's progress line and failure panel. */
function TaskProgress({ state, verb, done }: { state: CreateState; verb: string; done: string }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {state.phase === 'submitting' ? 'Submitting the task…' : null}
        {state.phase === 'running' ? `${verb} (task ${state.status})…` : null}
        {state.phase === 'succeeded' ? done : null}
      </div>
      {state.phase === 'failed' ? (
        <div className="error-panel" role="alert">
          <p className="error-panel__title">The task failed</p>
          <p>{state.message}</p>
        </div>
      ) : null}
    </>
  );
}

/** Delete with a type-the-name confirmation; on success goes to the applications list. */
function DeleteApplicationDialog({ name, onClose }: { name: string; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const { state, run } = useApplicationTask();
  const busy = state.phase === 'submitting' || state.phase === 'running';
  const remove = () =>
    void run(
      () => submitTask(deleteApplicationTaskBody(name)),
      () => {
        window.location.hash = hrefTo('/applications');
      },
    );
  return (
    <Dialog title="Delete application" onClose={onClose}>
      <div className="form">
        <p>
          This deletes <strong>{name}</strong> and its permissions. Its pipelines and infrastructure stay.
        </p>
        <TextField
          id="delete-app-confirm"
          label={`Type ${name} to confirm`}
          value={typed}
          onChange={setTyped}
        />
        <TaskProgress state={state} verb="Deleting the application" done="Application deleted." />
        <div className="form__actions">
          <button
            type="button"
            className="button button--danger"
            disabled={typed !== name || busy}
            onClick={remove}
          >
            {busy ? 'Deleting…' : 'Delete'}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** The application's config tab: edit attributes and permissions, delete it (each as a gate task). */
export function ApplicationConfigPage({ application }: { application: string }) {
  const [app, setApp] = useState<Application | undefined>();
  const [values, setValues] = useState<ConfigFormValues | undefined>();
  const [loadError, setLoadError] = useState<GateError | undefined>();
  const [errors, setErrors] = useState<Partial<Record<keyof ConfigFormValues, string>>>({});
  const [deleting, setDeleting] = useState(false);
  const { state, run } = useApplicationTask();
  const busy = state.phase === 'submitting' || state.phase === 'running';

  const load = useCallback(() => {
    getApplication(application).then(
      (found) => {
        setApp(found);
        setValues(configFormValues(found));
        setLoadError(undefined);
      },
      (err: unknown) =>
        setLoadError(
          err instanceof GateError ? err : new GateError(String(err), 'unreachable', 'application'),
        ),
    );
  }, [application]);
  useEffect(load, [load]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    const found = validateConfig(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    void run(() => submitTask(updateApplicationTaskBody(configFromForm(application, values))), load);
  };
  const set = (key: keyof ConfigFormValues) => (value: string) =>
    setValues((v) => (v ? { ...v, [key]: value } : v));

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> Config
        </h1>
      </div>
      <AppNav application={application} current="config" />
      <GateErrorPanel errors={loadError ? [loadError] : []} />
      {!values && !loadError ? <p className="muted">Loading the application…</p> : null}
      {values ? (
        <form className="card form" aria-label="Application attributes" onSubmit={save} noValidate>
          <h2>Attributes</h2>
          <TextField
            id="app-email"
            label="Owner email"
            value={values.email}
            error={errors.email}
            onChange={set('email')}
          />
          <TextAreaField
            id="app-description"
            label="Description"
            rows={2}
            value={values.description}
            onChange={set('description')}
          />
          <TextField
            id="app-cloudProviders"
            label="Cloud providers"
            hint="Comma-separated, e.g. kubernetes"
            value={values.cloudProviders}
            error={errors.cloudProviders}
            onChange={set('cloudProviders')}
          />
          <fieldset>
            <legend>Permissions</legend>
            <p className="muted">
              Comma-separated roles per authorization; none at all leaves the application open.
            </p>
            {AUTHORIZATIONS.map((authorization) => (
              <TextField
                key={authorization}
                id={`app-permission-${authorization}`}
                label={`${authorization} roles`}
                value={values[authorization]}
                onChange={set(authorization)}
              />
            ))}
          </fieldset>
          <TaskProgress state={state} verb="Saving the application" done="Application saved." />
          <div className="form__actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            {app?.updateTs ? (
              <small className="muted">Last updated {new Date(Number(app.updateTs)).toLocaleString()}</small>
            ) : null}
          </div>
        </form>
      ) : null}
      <section className="card form" aria-labelledby="danger-heading">
        <h2 id="danger-heading">Delete application</h2>
        <div className="form__actions">
          <button type="button" className="button button--danger" onClick={() => setDeleting(true)}>
            Delete application…
          </button>
        </div>
      </section>
      {deleting ? <DeleteApplicationDialog name={application} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}
