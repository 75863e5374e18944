import type { Pipeline } from '@genoa/shared';
import { useEffect, useState } from 'react';
import { getPipelineHistory } from '../../api/pipelines.js';
import { GateError } from '../../api/gate-client.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';
import { diffLines, pipelineText } from './diff.js';

/** Props of {@link HistoryPanel}. */
export interface HistoryPanelProps {
  pipelineId: string;
  current: Pipeline;
  onRestore(version: Pipeline): void;
}

const when = (p: Pipeline) => {
  const ts = Number(p.updateTs ?? p.lastModified);
  return Number.isFinite(ts) && ts > 0 ? new Date(ts).toLocaleString() : 'unknown time';
};

/** Revision history: earlier saved versions, a diff of the chosen one against the editor, and restore. */
export function HistoryPanel({ pipelineId, current, onRestore }: HistoryPanelProps) {
  const [versions, setVersions] = useState<Pipeline[]>();
  const [error, setError] = useState<GateError>();
  const [chosen, setChosen] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getPipelineHistory(pipelineId, 20, controller.signal).then(setVersions, (err: unknown) => {
      if (!controller.signal.aborted)
        setError(err instanceof GateError ? err : new GateError(String(err), 'unreachable', 'history'));
    });
    return () => controller.abort();
  }, [pipelineId]);
  if (error) return <GateErrorPanel errors={[error]} />;
  if (!versions) return <p className="muted">Loading history…</p>;
  if (versions.length === 0) return <p className="muted">No saved versions yet.</p>;
  const version = versions[chosen];
  const diff = version ? diffLines(pipelineText(version), pipelineText(current)) : [];
  const changed = diff.some((l) => l.kind !== 'same');
  return (
    <section className="card" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">Revision history</h2>
      <div className="field field--inline">
        <label htmlFor="history-version">Version</label>
        <select id="history-version" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {versions.map((v, index) => (
            <option key={index} value={index}>
              {when(v)} by {v.lastModifiedBy ?? 'unknown'}
              {index === 0 ? ' (latest saved)' : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!version || !changed}
          onClick={() => version && onRestore(version)}
        >
          Restore this version
        </button>
      </div>
      <p className="muted">Changes from the chosen version (−) to the editor (+):</p>
      {changed ? (
        <pre className="diff" aria-label="Differences">
          {diff.map((line, index) => (
            <div key={index} className={`diff__${line.kind}`}>
              {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
              {line.text}
            </div>
          ))}
        </pre>
      ) : (
        <p>The editor matches this version.</p>
      )}
    </section>
  );
}
