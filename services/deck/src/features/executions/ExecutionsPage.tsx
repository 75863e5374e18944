import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { createPipeline } from '../../api/pipelines.js';
import { AppNav } from '../../app/AppNav.js';
import { hashWithQuery, hrefTo } from '../../app/router.js';
import { replaceHash, useHashQuery } from '../../app/useHashPath.js';
import { Dialog } from '../../components/Dialog.js';
import { VirtualList } from '../../components/VirtualList.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { ExecutionFilters } from './ExecutionFilters.js';
import { ExecutionRow } from './ExecutionRow.js';
import { LiveIndicator } from './LiveIndicator.js';
import { PipelineGroup, PipelineHeader, pipelineHeadingId, type NamedPipeline } from './PipelineGroup.js';
import {
  filtersFromQuery,
  filtersToQuery,
  matchesFilters,
  pipelineShown,
  triggerTypesIn,
  type ExecutionFilters as Filters,
} from './filters.js';
import { useExecutions } from './useExecutions.js';

/** Props of {@link ExecutionsPage}. */
export interface ExecutionsPageProps {
  application: string;
}

/** Above this many rows (pipelines + executions) the list is virtualised. */
export const VIRTUALISE_ABOVE_ROWS = 150;

const startOf = (e: PipelineExecution) => e.startTime ?? e.buildTime ?? 0;

/** Executions grouped by pipeline config (matched by id, else by name), newest first, filtered. */
export function groupExecutions(
  pipelines: readonly Pipeline[],
  executions: readonly PipelineExecution[],
  filters: Filters,
): { pipeline: NamedPipeline; executions: PipelineExecution[] }[] {
  const byConfig = new Map<string, PipelineExecution[]>();
  for (const execution of executions) {
    if (!matchesFilters(execution, filters)) continue;
    for (const key of [execution.pipelineConfigId, `name:${execution.name ?? ''}`]) {
      if (!key) continue;
      const list = byConfig.get(key) ?? [];
      list.push(execution);
      byConfig.set(key, list);
    }
  }
  const filtering = filters.statuses.length > 0 || filters.triggerTypes.length > 0;
  return pipelines
    .filter((p): p is NamedPipeline => typeof p.name === 'string' && pipelineShown(p.name, filters))
    .map((pipeline) => {
      const byId = pipeline.id ? byConfig.get(pipeline.id) : undefined;
      const runs = (byId ?? byConfig.get(`name:${pipeline.name}`) ?? [])
        .slice()
        .sort((a, b) => startOf(b) - startOf(a));
      return { pipeline, executions: runs };
    })
    .filter((group) => !filtering || group.executions.length > 0);
}

type Row =
  | { kind: 'pipeline'; pipeline: NamedPipeline }
  | { kind: 'execution'; pipeline: NamedPipeline; execution: PipelineExecution }
  | { kind: 'empty'; pipeline: NamedPipeline };

const rowHeights: Record<Row['kind'], number> = { pipeline: 64, execution: 96, empty: 36 };

function NewPipelineDialog({ application, onClose }: { application: string; onClose(): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('A pipeline needs a name.');
      return;
    }
    setBusy(true);
    createPipeline(application, name.trim()).then(
      (id) => {
        window.location.hash = hrefTo(
          `/applications/${encodeURIComponent(application)}/pipelines/${encodeURIComponent(id)}/edit`,
        );
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return (
    <Dialog title="Create pipeline" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-pipeline-name">Pipeline name</label>
          <input
            id="new-pipeline-name"
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-pipeline-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error ? (
            <small id="new-pipeline-error" className="field__error">
              {error}
            </small>
          ) : null}
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * `#/applications/{app}/executions`: the application's pipelines with their recent executions,
 * live (gate's SSE stream, polling fallback), filtered by status, pipeline and trigger type (the
 * filters live in the URL), virtualised when large.
 */
export function ExecutionsPage({ application }: ExecutionsPageProps) {
  const { loading, executionsLoading, pipelines, executions, errors, checkedAt, refresh, mode } =
    useExecutions(application);
  const query = useHashQuery();
  const queryText = query.toString();
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(queryText)), [queryText]);
  const [creating, setCreating] = useState(false);
  const groups = useMemo(
    () => groupExecutions(pipelines, executions, filters),
    [pipelines, executions, filters],
  );
  const pipelineNames = useMemo(
    () => pipelines.map((p) => p.name).filter((n): n is string => typeof n === 'string'),
    [pipelines],
  );
  const triggerTypes = useMemo(() => triggerTypesIn(executions), [executions]);
  const rowCount = groups.reduce((n, g) => n + 1 + Math.max(1, g.executions.length), 0);
  const rows = useMemo(
    () =>
      rowCount > VIRTUALISE_ABOVE_ROWS
        ? groups.flatMap(({ pipeline, executions: runs }): Row[] => [
            { kind: 'pipeline', pipeline },
            ...(runs.length === 0
              ? [{ kind: 'empty', pipeline } as Row]
              : runs.map((execution): Row => ({ kind: 'execution', pipeline, execution }))),
          ])
        : [],
    [groups, rowCount],
  );
  const setFilters = (next: Filters) =>
    replaceHash(
      hashWithQuery(`/applications/${encodeURIComponent(application)}/executions`, filtersToQuery(next)),
    );

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> Pipelines
        </h1>
        <LiveIndicator mode={mode} />
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => setCreating(true)}>
          Create pipeline
        </button>
        <a href={hrefTo('/applications')}>All applications</a>
      </div>
      <AppNav application={application} current="executions" />
      {creating ? <NewPipelineDialog application={application} onClose={() => setCreating(false)} /> : null}
      <GateErrorPanel errors={errors} />
      <div className="with-sidebar">
        <ExecutionFilters
          filters={filters}
          pipelineNames={pipelineNames}
          triggerTypes={triggerTypes}
          onChange={setFilters}
        />
        <div className="with-sidebar__main" data-testid="executions-list">
          {loading ? <p className="muted">Loading pipelines…</p> : null}
          {!loading && errors.length === 0 && pipelines.length === 0 ? (
            <p className="muted">{application} has no pipelines yet. Create one to get started.</p>
          ) : null}
          {!loading && pipelines.length > 0 && groups.length === 0 ? (
            <p className="muted">No execution matches the filters.</p>
          ) : null}
          {rows.length > 0 ? (
            <VirtualList
              label="Pipelines and executions"
              items={rows}
              heightOf={(row) => rowHeights[row.kind]}
              keyOf={(row) =>
                row.kind === 'execution' ? row.execution.id : `${row.kind}-${pipelineHeadingId(row.pipeline)}`
              }
              render={(row) =>
                row.kind === 'pipeline' ? (
                  <PipelineHeader application={application} pipeline={row.pipeline} onChanged={refresh} />
                ) : row.kind === 'empty' ? (
                  <p className="muted">
                    {executionsLoading ? 'Loading executions…' : 'No recent executions.'}
                  </p>
                ) : (
                  <ExecutionRow
                    compact
                    application={application}
                    pipeline={row.pipeline}
                    execution={row.execution}
                    now={checkedAt}
                    onChanged={refresh}
                  />
                )
              }
            />
          ) : (
            groups.map(({ pipeline, executions: runs }) => (
              <PipelineGroup
                key={pipeline.id ?? pipeline.name}
                application={application}
                pipeline={pipeline}
                executions={runs}
                executionsLoading={executionsLoading}
                now={checkedAt}
                onChanged={refresh}
              />
            ))
          )}
        </div>
      </div>
    </>
  );
}
