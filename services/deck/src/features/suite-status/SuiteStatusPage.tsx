import { StatusBadge, type StatusTone } from '../../components/StatusBadge.js';
import { GateErrorPanel } from './GateErrorPanel.js';
import { HealthChecksTable } from './HealthChecksTable.js';
import { useSuiteStatus, type SuiteStatus } from './useSuiteStatus.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The overall badge for gate: its health when it answered, UNREACHABLE when it did not. */
function gateBadge(status: SuiteStatus): { tone: StatusTone; label: string } {
  if (status.loading) return { tone: 'pending', label: 'CHECKING' };
  if (status.health)
    return status.health.status === 'UP' ? { tone: 'up', label: 'UP' } : { tone: 'down', label: 'DOWN' };
  if (status.errors.some((error) => error.kind === 'unreachable' || error.kind === 'timeout')) {
    return { tone: 'down', label: 'UNREACHABLE' };
  }
  return { tone: 'unknown', label: 'UNKNOWN' };
}

/**
 * The landing screen: whether deck can reach gate, gate's version and health, and each of gate's
 * dependency checks. Refreshes every 30 s and on demand.
 */
export function SuiteStatusPage() {
  const status = useSuiteStatus();
  const badge = gateBadge(status);
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>Suite status</h1>
        <button type="button" className="button" onClick={status.refresh} disabled={status.refreshing}>
          {status.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p className="muted">
        Deck talks to the rest of Genoa only through gate, proxied at <code>/gate</code>.
      </p>

      <section className="card" aria-labelledby="gate-heading" aria-busy={status.refreshing}>
        <header className="card__header">
          <h2 id="gate-heading">Gate</h2>
          <StatusBadge tone={badge.tone} label={badge.label} />
        </header>

        <div aria-live="polite">
          {status.loading ? (
            <p className="muted">Contacting gate…</p>
          ) : (
            <>
              <dl className="facts">
                <div>
                  <dt>Version</dt>
                  <dd data-testid="gate-version">{status.version?.version ?? '—'}</dd>
                </div>
                <div>
                  <dt>Health</dt>
                  <dd data-testid="gate-health">
                    {status.health?.status ?? '—'}
                    {status.health?.reason ? ` (${status.health.reason})` : ''}
                  </dd>
                </div>
                <div>
                  <dt>Last checked</dt>
                  <dd>
                    {status.checkedAt ? (
                      <time dateTime={status.checkedAt.toISOString()}>
                        {timeFormat.format(status.checkedAt)}
                      </time>
                    ) : (
                      '—'
                    )}
                  </dd>
                </div>
              </dl>
              <GateErrorPanel errors={status.errors} />
              {status.health ? (
                <HealthChecksTable caption="Gate's dependency checks" checks={status.health.checks} />
              ) : null}
            </>
          )}
        </div>
      </section>
    </>
  );
}
