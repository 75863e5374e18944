import type { PipelineExecution } from '@genoa/shared';
import { StatusBadge } from '../../components/StatusBadge.js';
import {
  elapsed,
  formatDuration,
  stageFailureMessages,
  statusLabel,
  statusTone,
  visibleStages,
} from './executionView.js';

/** Props of {@link ExecutionDetail}. */
export interface ExecutionDetailProps {
  execution: PipelineExecution;
  now: number;
}

/** An execution's stages with status, duration and, for a failed stage, why it failed (errors first). */
export function ExecutionDetail({ execution, now }: ExecutionDetailProps) {
  return (
    <table className="checks execution-detail">
      <caption className="visually-hidden">Stages of execution {execution.id}</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Duration
          </th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {visibleStages(execution).map((stage) => {
          const failures = stageFailureMessages(stage);
          return (
            <tr key={stage.id}>
              <th scope="row">
                {stage.name ?? stage.type} <span className="muted">({stage.type})</span>
              </th>
              <td>
                <StatusBadge tone={statusTone(stage.status)} label={statusLabel(stage.status)} />
              </td>
              <td className="numeric">{formatDuration(elapsed(stage, now))}</td>
              <td>
                {failures.length > 0 ? (
                  <ul className="stage-errors">
                    {failures.map((failure) => (
                      <li key={failure}>{failure}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
