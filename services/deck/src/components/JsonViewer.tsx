/** Props of {@link JsonViewer}. */
export interface JsonViewerProps {
  value: unknown;
  /** Levels open at first (default 1). */
  openDepth?: number;
  label?: string;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

function Scalar({ value }: { value: unknown }) {
  const kind = value === null ? 'null' : typeof value;
  return (
    <span className={`json__${kind}`}>
      {typeof value === 'string' ? JSON.stringify(value) : String(value)}
    </span>
  );
}

function Node({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  if (!isContainer(value)) {
    return (
      <li>
        <span className="json__key">{name}</span>: <Scalar value={value} />
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <li>
      <details open={depth < openDepth}>
        <summary>
          <span className="json__key">{name}</span> <span className="muted">{summary}</span>
        </summary>
        <ul className="json">
          {entries.map(([key, child]) => (
            <Node key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** A collapsible view of a JSON value (stage context, outputs, trigger): one disclosure per object or list. */
export function JsonViewer({ value, openDepth = 1, label }: JsonViewerProps) {
  if (!isContainer(value) || Object.keys(value).length === 0) {
    return <p className="muted">{isContainer(value) ? 'Empty.' : <Scalar value={value} />}</p>;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return (
    <ul className="json json--root" aria-label={label}>
      {entries.map(([key, child]) => (
        <Node key={key} name={key} value={child} depth={0} openDepth={openDepth} />
      ))}
    </ul>
  );
}
