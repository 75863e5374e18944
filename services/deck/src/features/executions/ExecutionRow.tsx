import type { PipelineExecution } from '@genoa/shared';
import { useState } from 'react';
import { cancelExecution } from '../../api/executions.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ExecutionDetail } from './ExecutionDetail.js';
import { ManualJudgment } from './ManualJudgment.js';
import { StageBar } from './StageBar.js';
import {
  elapsed,
  formatDuration,
  isActive,
  pendingJudgment,
  statusLabel,
  statusTone,
} from './executionView.js';

/** Props of {@link ExecutionRow}. */
export interface ExecutionRowProps {
  execution: PipelineExecution;
  now: number;
  /** Polls at once after an action. */
  onChanged: () => void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** One execution: status, trigger, start, duration, stage bar, its actions and (on demand) its details. */
export function ExecutionRow({ execution, now, onChanged }: ExecutionRowProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const judgment = pendingJudgment(execution);
  const started = execution.startTime ?? execution.buildTime;
  const user = execution.trigger?.user ?? execution.authentication?.user ?? 'unknown';
  const detailId = `execution-detail-${execution.id}`;

  const cancel = () => {
    const reason = window.prompt('Reason for cancelling (optional)', '');
    if (reason === null) return;
    cancelExecution(execution.id, reason).then(onChanged, (err: unknown) =>
      setError(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <li className="execution" data-testid={`execution-${execution.id}`}>
      <div className="execution__summary">
        <StatusBadge tone={statusTone(execution.status)} label={statusLabel(execution.status)} />
        <span>
          by{' '}
          <strong>{execution.trigger?.type === 'manual' ? user : (execution.trigger?.type ?? user)}</strong>
        </span>
        <span className="muted">{started ? timeFormat.format(new Date(started)) : 'not started'}</span>
        <span className="muted">{formatDuration(elapsed(execution, now))}</span>
        <span className="execution__actions">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide details' : 'Details'}
          </button>
          {isActive(execution.status) ? (
            <button type="button" className="button button--danger" onClick={cancel}>
              Cancel
            </button>
          ) : null}
        </span>
      </div>
      <StageBar execution={execution} now={now} />
      {judgment ? <ManualJudgment executionId={execution.id} stage={judgment} onJudged={onChanged} /> : null}
      {error ? (
        <p className="field__error" role="alert">
          Could not cancel: {error}
        </p>
      ) : null}
      <div id={detailId} hidden={!open}>
        {open ? <ExecutionDetail execution={execution} now={now} /> : null}
      </div>
    </li>
  );
}
