import type { PipelineExecution } from '@genoa/shared';
import { JsonViewer } from '../../components/JsonViewer.js';

/** The trigger of an execution: type, user, parameters, artifacts, then everything else as JSON. */
export function TriggerDetails({ execution }: { execution: PipelineExecution }) {
  const trigger = execution.trigger ?? {};
  const parameters = Object.entries(trigger.parameters ?? {});
  const artifacts = trigger.artifacts ?? [];
  return (
    <section className="card" aria-labelledby="trigger-title" data-testid="trigger-details">
      <h2 id="trigger-title">Trigger</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{trigger.type ?? 'unknown'}</dd>
        <dt>User</dt>
        <dd>{trigger.user ?? execution.authentication?.user ?? 'unknown'}</dd>
      </dl>
      <h3>Parameters</h3>
      {parameters.length === 0 ? (
        <p className="muted">No parameters.</p>
      ) : (
        <table className="checks" data-testid="trigger-parameters">
          <caption className="visually-hidden">Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Artifacts</h3>
      {artifacts.length === 0 ? (
        <p className="muted">No artifacts.</p>
      ) : (
        <ul>
          {artifacts.map((artifact, index) => (
            <li key={index}>
              <code>{artifact.type ?? 'artifact'}</code> {artifact.name ?? ''} {artifact.reference ?? ''}{' '}
              {artifact.version ? <span className="muted">{artifact.version}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Full trigger</summary>
        <JsonViewer value={trigger} label="Trigger JSON" />
      </details>
    </section>
  );
}
