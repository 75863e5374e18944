import type { PipelineExecution } from '@genoa/shared';
import { elapsed, formatDuration, statusLabel, statusTone, visibleStages } from './executionView.js';

/** Props of {@link StageBar}. */
export interface StageBarProps {
  execution: PipelineExecution;
  now: number;
}

/** The horizontal stage bar of an execution: one segment per stage, coloured and labelled by status. */
export function StageBar({ execution, now }: StageBarProps) {
  const stages = visibleStages(execution);
  return (
    <ol className="stage-bar" aria-label="Stages">
      {stages.map((stage) => (
        <li
          key={stage.id}
          className={`stage-bar__stage status-bg--${statusTone(stage.status)}`}
          title={`${stage.name ?? stage.type}: ${statusLabel(stage.status)}`}
        >
          <span className="stage-bar__name">{stage.name ?? stage.type}</span>
          <span className="stage-bar__meta">
            {statusLabel(stage.status)} · {formatDuration(elapsed(stage, now))}
          </span>
        </li>
      ))}
    </ol>
  );
}
