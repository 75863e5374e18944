import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useRef, useState } from 'react';
import { ExecutionRow } from './ExecutionRow.js';
import { StartPipelineForm } from './StartPipelineForm.js';

/** Props of {@link PipelineGroup}. */
export interface PipelineGroupProps {
  application: string;
  pipeline: Pipeline & { name: string };
  executions: readonly PipelineExecution[];
  now: number;
  onChanged: () => void;
}

/** One pipeline config: its name, the manual start form, and its recent executions (newest first). */
export function PipelineGroup({ application, pipeline, executions, now, onChanged }: PipelineGroupProps) {
  const [starting, setStarting] = useState(false);
  const startButton = useRef<HTMLButtonElement>(null);
  const headingId = `pipeline-${pipeline.id ?? pipeline.name}`.replace(/[^\w-]/g, '_');
  const close = () => {
    setStarting(false);
    startButton.current?.focus();
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid={`pipeline-${pipeline.name}`}>
      <header className="card__header">
        <h2 id={headingId}>{pipeline.name}</h2>
        {pipeline.disabled ? <span className="muted">(disabled)</span> : null}
        <button
          ref={startButton}
          type="button"
          className="button card__action"
          aria-expanded={starting}
          disabled={pipeline.disabled ?? false}
          onClick={() => (starting ? close() : setStarting(true))}
        >
          Start manual execution
        </button>
      </header>
      {starting ? (
        <StartPipelineForm
          application={application}
          pipeline={pipeline}
          onClose={close}
          onStarted={() => {
            close();
            onChanged();
          }}
        />
      ) : null}
      {executions.length === 0 ? (
        <p className="muted">No recent executions.</p>
      ) : (
        <ul className="executions">
          {executions.map((execution) => (
            <ExecutionRow key={execution.id} execution={execution} now={now} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
