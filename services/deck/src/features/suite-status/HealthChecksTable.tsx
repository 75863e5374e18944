import type { HealthCheckResult } from '../../api/suite-status.js';
import { StatusBadge } from '../../components/StatusBadge.js';

/** Props of {@link HealthChecksTable}. */
export interface HealthChecksTableProps {
  /** Caption naming whose checks these are. */
  caption: string;
  checks: Readonly<Record<string, HealthCheckResult>>;
}

/** One row per dependency check of a `/health` answer: name, status, latency and the failure reason. */
export function HealthChecksTable({ caption, checks }: HealthChecksTableProps) {
  const entries = Object.entries(checks).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No dependency checks reported.</p>;
  return (
    <table className="checks">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Latency
          </th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, check]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <StatusBadge tone={check.status === 'UP' ? 'up' : 'down'} label={check.status} />
            </td>
            <td className="numeric">{check.latencyMs !== undefined ? `${check.latencyMs} ms` : '—'}</td>
            <td>{check.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
