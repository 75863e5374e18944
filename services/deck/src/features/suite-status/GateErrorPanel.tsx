import type { GateError } from '../../api/gate-client.js';

/** Props of {@link GateErrorPanel}. */
export interface GateErrorPanelProps {
  errors: readonly GateError[];
}

const titles: Record<GateError['kind'], string> = {
  unreachable: 'Gate is unreachable',
  timeout: 'Gate is not answering',
  http: 'Gate answered with an error',
  'invalid-response': 'Gate sent an answer deck does not understand',
};

const hints: Record<GateError['kind'], string> = {
  unreachable:
    'Deck could not connect to gate. Check that gate is running and that DECK_GATE_URL on the deck server points at it.',
  timeout: 'Gate accepted the connection but did not answer in time. It may be overloaded or stuck.',
  http: 'Gate is running but refused or failed the request. Its logs have the details.',
  'invalid-response': 'Gate and deck may be running different versions.',
};

/** Explains failed gate calls: what went wrong, what to check, and the request id to look up. */
export function GateErrorPanel({ errors }: GateErrorPanelProps) {
  const first = errors[0];
  if (!first) return null;
  return (
    <div className="error-panel" role="alert">
      <h3 className="error-panel__title">{titles[first.kind]}</h3>
      {errors.some((e) => e.status === 401) ? (
        <p>
          Gate needs you to sign in.{' '}
          <a href={`#/login?to=${encodeURIComponent(window.location.hash.slice(1) || '/')}`}>Sign in</a>
        </p>
      ) : (
        <p>{hints[first.kind]}</p>
      )}
      <ul className="error-panel__details">
        {errors.map((error) => (
          <li key={error.path}>
            <code>
              {error.method} /gate{error.path}
            </code>
            {error.status !== undefined ? ` → ${error.status}` : ''}: {error.message}
            {error.requestId ? (
              <>
                {' '}
                (request id <code>{error.requestId}</code>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
