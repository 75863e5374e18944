import type { ExecutionStatus } from '@genoa/shared';
import { statusLabel, statusTone } from '../features/executions/executionView.js';
import { layoutStages, type GraphStage } from './stageGraph.js';

/** A node of {@link StageGraph}. */
export interface StageNode extends GraphStage {
  /** Unique key (stage id or refId). */
  key: string;
  label: string;
  type: string;
  status?: ExecutionStatus | undefined;
  detail?: string | undefined;
}

/** Props of {@link StageGraph}. */
export interface StageGraphProps {
  stages: readonly StageNode[];
  selected?: string | undefined;
  onSelect(key: string): void;
  label: string;
}

/**
 * The stage graph: one column per `requisiteStageRefIds` depth, parallel branches stacked in a
 * column; each node is a button naming its upstream stages (for screen readers and as a tooltip).
 */
export function StageGraph({ stages, selected, onSelect, label }: StageGraphProps) {
  const { columns } = layoutStages(stages);
  const nameOf = new Map(stages.map((s) => [String(s.refId ?? ''), s.label]));
  return (
    <div className="stage-graph" role="group" aria-label={label}>
      {columns.map((column, index) => (
        <ol key={index} className="stage-graph__column" aria-label={`Column ${index + 1}`}>
          {column.map((stage) => {
            const after = (stage.requisiteStageRefIds ?? [])
              .map((r) => nameOf.get(String(r)))
              .filter(Boolean);
            const tone = stage.status ? statusTone(stage.status) : 'pending';
            return (
              <li key={stage.key}>
                <button
                  type="button"
                  className={`stage-node status-border--${tone}`}
                  aria-pressed={selected === stage.key}
                  title={after.length > 0 ? `after ${after.join(', ')}` : 'first stage'}
                  data-testid={`stage-node-${stage.label}`}
                  onClick={() => onSelect(stage.key)}
                >
                  <span className="stage-node__name">{stage.label}</span>
                  <span className="stage-node__meta">
                    {stage.type}
                    {stage.status ? ` · ${statusLabel(stage.status)}` : ''}
                    {stage.detail ? ` · ${stage.detail}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      ))}
    </div>
  );
}
