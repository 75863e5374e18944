import type { PipelineExecution, StageExecution } from '@genoa/shared';
import { useState } from 'react';
import { patchStage, restartStage } from '../../api/executions.js';
import { JsonViewer } from '../../components/JsonViewer.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { ManualJudgment } from '../executions/ManualJudgment.js';
import {
  elapsed,
  formatDuration,
  stageFailureMessages,
  statusLabel,
  statusTone,
} from '../executions/executionView.js';

/** Statuses from which orca restarts a stage. */
const restartable = new Set(['TERMINAL', 'FAILED_CONTINUE', 'CANCELED', 'STOPPED', 'SUCCEEDED', 'SKIPPED']);

/** Props of {@link StagePanel}. */
export interface StagePanelProps {
  execution: PipelineExecution;
  stage: StageExecution;
  now: number;
  onChanged(): void;
}

type Confirm = 'restart' | 'skip' | undefined;

/** One stage: failure messages first, its actions, its tasks with timing, then context and outputs. */
export function StagePanel({ execution, stage, now, onChanged }: StagePanelProps) {
  const [confirm, setConfirm] = useState<Confirm>();
  const failures = stageFailureMessages(stage);
  const name = stage.name ?? stage.type;
  const executionActive = execution.status === 'RUNNING' || execution.status === 'PAUSED';
  return (
    <section className="card stage-panel" aria-labelledby="stage-panel-title" data-testid="stage-panel">
      <header className="card__header">
        <h2 id="stage-panel-title">{name}</h2>
        <StatusBadge tone={statusTone(stage.status)} label={statusLabel(stage.status)} />
        <span className="muted">
          {stage.type} · {formatDuration(elapsed(stage, now))}
        </span>
        <span className="card__action">
          {stage.type === 'wait' && stage.status === 'RUNNING' ? (
            <button
              type="button"
              className="button button--secondary"
              aria-haspopup="dialog"
              onClick={() => setConfirm('skip')}
            >
              Skip remaining wait
            </button>
          ) : null}
          {restartable.has(stage.status) && !executionActive ? (
            <button
              type="button"
              className="button button--secondary"
              aria-haspopup="dialog"
              onClick={() => setConfirm('restart')}
            >
              Restart stage
            </button>
          ) : null}
        </span>
      </header>
      {failures.length > 0 ? (
        <div className="error-panel" role="alert">
          <h3 className="error-panel__title">{failures[0]}</h3>
          {failures.length > 1 ? (
            <ul>
              {failures.slice(1).map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {stage.type === 'manualJudgment' && stage.status === 'RUNNING' ? (
        <ManualJudgment executionId={execution.id} stage={stage} onJudged={onChanged} />
      ) : null}
      <h3>Tasks</h3>
      {(stage.tasks ?? []).length === 0 ? (
        <p className="muted">No tasks yet.</p>
      ) : (
        <table className="checks">
          <caption className="visually-hidden">Tasks of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Duration
              </th>
            </tr>
          </thead>
          <tbody>
            {(stage.tasks ?? []).map((task) => (
              <tr key={task.id}>
                <th scope="row">{task.name}</th>
                <td>
                  <StatusBadge tone={statusTone(task.status)} label={statusLabel(task.status)} />
                </td>
                <td className="numeric">{formatDuration(elapsed(task, now))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Context</h3>
      <JsonViewer value={stage.context} label={`Context of ${name}`} />
      <h3>Outputs</h3>
      <JsonViewer value={stage.outputs ?? {}} label={`Outputs of ${name}`} />
      {confirm === 'skip' ? (
        <ConfirmDialog
          title="Skip remaining wait"
          message={<p>End the wait of {name} now and continue the pipeline?</p>}
          confirmLabel="Skip wait"
          onConfirm={() => patchStage(execution.id, stage.id, { skipRemainingWait: true }).then(onChanged)}
          onClose={() => setConfirm(undefined)}
        />
      ) : null}
      {confirm === 'restart' ? (
        <ConfirmDialog
          title="Restart stage"
          message={<p>Restart {name} and the stages after it, with the pipeline's current configuration?</p>}
          confirmLabel="Restart"
          onConfirm={() => restartStage(execution.id, stage.id).then(onChanged)}
          onClose={() => setConfirm(undefined)}
        />
      ) : null}
    </section>
  );
}
