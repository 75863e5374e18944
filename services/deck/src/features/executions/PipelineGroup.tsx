import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useState } from 'react';
import { hrefTo } from '../../app/router.js';
import { ExecutionRow } from './ExecutionRow.js';
import { StartPipelineForm } from './StartPipelineForm.js';

/** A pipeline config that has a name (the only ones deck can start or list). */
export type NamedPipeline = Pipeline & { name: string };

/** Props of {@link PipelineHeader}. */
export interface PipelineHeaderProps {
  application: string;
  pipeline: NamedPipeline;
  onChanged: () => void;
}

/** The id of a pipeline's heading (for `aria-labelledby`). */
export const pipelineHeadingId = (pipeline: NamedPipeline): string =>
  `pipeline-${pipeline.id ?? pipeline.name}`.replace(/[^\w-]/g, '_');

/** A pipeline's name with its actions: start manually (a dialog) and configure (the editor). */
export function PipelineHeader({ application, pipeline, onChanged }: PipelineHeaderProps) {
  const [starting, setStarting] = useState(false);
  return (
    <header className="card__header">
      <h2 id={pipelineHeadingId(pipeline)}>{pipeline.name}</h2>
      {pipeline.disabled ? <span className="muted">(disabled)</span> : null}
      <span className="card__action">
        {pipeline.id ? (
          <a
            className="button button--secondary"
            href={hrefTo(
              `/applications/${encodeURIComponent(application)}/pipelines/${encodeURIComponent(pipeline.id)}/edit`,
            )}
            aria-label={`Configure ${pipeline.name}`}
          >
            Configure
          </a>
        ) : null}{' '}
        <button
          type="button"
          className="button"
          aria-haspopup="dialog"
          disabled={pipeline.disabled ?? false}
          onClick={() => setStarting(true)}
        >
          Start manual execution
        </button>
      </span>
      {starting ? (
        <StartPipelineForm
          application={application}
          pipeline={pipeline}
          onClose={() => setStarting(false)}
          onStarted={() => {
            setStarting(false);
            onChanged();
          }}
        />
      ) : null}
    </header>
  );
}

/** Props of {@link PipelineGroup}. */
export interface PipelineGroupProps {
  application: string;
  pipeline: NamedPipeline;
  executions: readonly PipelineExecution[];
  /** The executions have not arrived yet. */
  executionsLoading?: boolean;
  now: number;
  onChanged: () => void;
}

/** One pipeline config: its header and its recent executions (newest first). */
export function PipelineGroup({
  application,
  pipeline,
  executions,
  executionsLoading,
  now,
  onChanged,
}: PipelineGroupProps) {
  return (
    <section
      className="card"
      aria-labelledby={pipelineHeadingId(pipeline)}
      data-testid={`pipeline-${pipeline.name}`}
    >
      <PipelineHeader application={application} pipeline={pipeline} onChanged={onChanged} />
      {executions.length === 0 ? (
        <p className="muted">{executionsLoading ? 'Loading executions…' : 'No recent executions.'}</p>
      ) : (
        <ul className="executions">
          {executions.map((execution) => (
            <ExecutionRow
              key={execution.id}
              application={application}
              pipeline={pipeline}
              execution={execution}
              now={now}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
