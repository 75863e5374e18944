import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useState } from 'react';
import { hrefTo } from '../../app/router.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ExecutionActions } from './ExecutionActions.js';
import { ExecutionDetail } from './ExecutionDetail.js';
import { ManualJudgment } from './ManualJudgment.js';
import { StageBar } from './StageBar.js';
import { elapsed, formatDuration, pendingJudgment, statusLabel, statusTone } from './executionView.js';

/** Props of {@link ExecutionRow}. */
export interface ExecutionRowProps {
  application: string;
  execution: PipelineExecution;
  pipeline?: (Pipeline & { name: string }) | undefined;
  now: number;
  /** Refreshes at once after an action. */
  onChanged: () => void;
  /** A fixed-height row (virtualised lists): no inline details or judgment, a link instead. */
  compact?: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** The hash link of an execution's details page (with `?stage=` for one stage). */
export const executionHref = (application: string, id: string, stageId?: string): string =>
  hrefTo(`/applications/${encodeURIComponent(application)}/executions/${encodeURIComponent(id)}`) +
  (stageId ? `?stage=${encodeURIComponent(stageId)}` : '');

/** Who or what started an execution (the user for a manual run, else the trigger type). */
export function triggeredBy(execution: PipelineExecution): string {
  const user = execution.trigger?.user ?? execution.authentication?.user ?? 'unknown';
  const type = execution.trigger?.type;
  return !type || type === 'manual' ? user : type;
}

/** One execution: status, trigger, start, duration, stage bar, its actions and (on demand) its details. */
export function ExecutionRow({
  application,
  execution,
  pipeline,
  now,
  onChanged,
  compact,
}: ExecutionRowProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const judgment = pendingJudgment(execution);
  const started = execution.startTime ?? execution.buildTime;
  const detailId = `execution-detail-${execution.id}`;
  const Tag = compact ? 'div' : 'li';

  return (
    <Tag className="execution" data-testid={`execution-${execution.id}`}>
      <div className="execution__summary">
        <StatusBadge tone={statusTone(execution.status)} label={statusLabel(execution.status)} />
        <span>
          by <strong>{triggeredBy(execution)}</strong>
        </span>
        <span className="muted">{started ? timeFormat.format(new Date(started)) : 'not started'}</span>
        <span className="muted">{formatDuration(elapsed(execution, now))}</span>
        {compact && judgment ? <span className="judgment__title">Waiting for judgment</span> : null}
        <span className="execution__actions">
          <a className="button button--secondary" href={executionHref(application, execution.id)}>
            Open
          </a>
          {compact ? null : (
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={open}
              aria-controls={detailId}
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide details' : 'Details'}
            </button>
          )}
          <ExecutionActions
            application={application}
            execution={execution}
            pipeline={pipeline}
            onChanged={onChanged}
            onError={setError}
          />
        </span>
      </div>
      <StageBar execution={execution} now={now} />
      {judgment && !compact ? (
        <ManualJudgment executionId={execution.id} stage={judgment} onJudged={onChanged} />
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {compact ? null : (
        <div id={detailId} hidden={!open}>
          {open ? <ExecutionDetail execution={execution} now={now} /> : null}
        </div>
      )}
    </Tag>
  );
}
