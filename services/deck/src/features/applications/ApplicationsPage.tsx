import { useCallback, useRef, useState } from 'react';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { ApplicationsTable } from './ApplicationsTable.js';
import { CreateApplicationForm } from './CreateApplicationForm.js';
import { filterApplications } from './applicationView.js';
import { useApplications } from './useApplications.js';
import { useCreateApplication } from './useCreateApplication.js';

/** `#/applications`: the searchable applications list and the create-application form. */
export function ApplicationsPage() {
  const { loading, applications, error, reload } = useApplications();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);
  const { state, submit, reset } = useCreateApplication(useCallback(() => reload(), [reload]));
  const shown = filterApplications(applications, query);

  const close = () => {
    reset();
    setCreating(false);
    createButton.current?.focus();
  };

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>Applications</h1>
        <button
          ref={createButton}
          type="button"
          className="button"
          aria-expanded={creating}
          onClick={() => (creating ? close() : setCreating(true))}
        >
          Create application
        </button>
      </div>
      {creating ? (
        <CreateApplicationForm state={state} onSubmit={(app) => void submit(app)} onClose={close} />
      ) : null}
      <section className="card" aria-labelledby="apps-heading" aria-busy={loading}>
        <header className="card__header">
          <h2 id="apps-heading">All applications</h2>
        </header>
        <div className="field field--inline">
          <label htmlFor="app-search">Search</label>
          <input
            id="app-search"
            type="search"
            value={query}
            placeholder="name, owner or account"
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        {error ? <GateErrorPanel errors={[error]} /> : null}
        {loading ? <p className="muted">Loading applications…</p> : null}
        {!loading && !error && applications.length === 0 ? (
          <p className="muted">No applications yet. Create the first one.</p>
        ) : null}
        {!loading && applications.length > 0 && shown.length === 0 ? (
          <p className="muted">No application matches “{query}”.</p>
        ) : null}
        {shown.length > 0 ? <ApplicationsTable applications={shown} /> : null}
        <p className="muted" aria-live="polite">
          {loading ? '' : `${shown.length} of ${applications.length} applications`}
        </p>
      </section>
    </>
  );
}
