import { useState } from 'react';

/** Props of {@link JsonObjectField}. */
export interface JsonObjectFieldProps {
  id: string;
  label: string;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  rows?: number;
}

/**
 * A JSON object edited as text (stage and trigger types without a form): applied on every valid
 * edit, with the parse error shown at the field while the text is not a JSON object.
 */
export function JsonObjectField({ id, label, value, onChange, rows = 10 }: JsonObjectFieldProps) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string>();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        className="monospace"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value) as unknown;
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              throw new Error('must be a JSON object');
            setError(undefined);
            onChange(parsed as Record<string, unknown>);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error ? (
        <small id={`${id}-error`} className="field__error">
          {error}
        </small>
      ) : null}
    </div>
  );
}
