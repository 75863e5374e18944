import { useState, type ReactNode } from 'react';

/** What every labelled field takes. */
interface FieldBase {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** `value` as a string for an input ('' for nothing). */
export const str = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);

function Wrap({ id, label, hint, error, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="field__error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

const described = ({ id, hint, error }: FieldBase) =>
  [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled text input. */
export function TextField(
  props: FieldBase & {
    value: unknown;
    onChange(value: string): void;
    placeholder?: string;
    /** The id of a `<datalist>` of suggestions. */
    list?: string;
  },
) {
  return (
    <Wrap {...props}>
      <input
        id={props.id}
        type="text"
        value={str(props.value)}
        placeholder={props.placeholder}
        list={props.list}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Wrap>
  );
}

/** A labelled number input; an empty field gives `undefined`. */
export function NumberField(
  props: FieldBase & { value: unknown; onChange(value: number | undefined): void; min?: number },
) {
  return (
    <Wrap {...props}>
      <input
        id={props.id}
        type="number"
        min={props.min}
        value={str(props.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props)}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </Wrap>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField(
  props: FieldBase & { value: unknown; onChange(value: string): void; rows?: number; monospace?: boolean },
) {
  return (
    <Wrap {...props}>
      <textarea
        id={props.id}
        rows={props.rows ?? 4}
        className={props.monospace ? 'monospace' : undefined}
        spellCheck={props.monospace ? false : undefined}
        value={str(props.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Wrap>
  );
}

/** A labelled select. */
export function SelectField(
  props: FieldBase & {
    value: unknown;
    options: readonly (string | { value: string; label: string })[];
    onChange(value: string): void;
  },
) {
  return (
    <Wrap {...props}>
      <select
        id={props.id}
        value={str(props.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => {
          const option = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          );
        })}
      </select>
    </Wrap>
  );
}

/** A labelled checkbox. */
export function CheckboxField(props: {
  id: string;
  label: string;
  checked: unknown;
  onChange(value: boolean): void;
}) {
  return (
    <div className="field field--checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked === true}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}

/** Parses `key=value` lines into a map (blank lines skipped; the first `=` splits). */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const index = line.indexOf('=');
    if (line.trim() === '' || index <= 0) continue;
    out[line.slice(0, index).trim()] = line.slice(index + 1).trim();
  }
  return out;
}

/** Renders a map as `key=value` lines. */
export const formatKeyValues = (map: unknown): string =>
  typeof map === 'object' && map !== null
    ? Object.entries(map as Record<string, unknown>)
        .map(([k, v]) => `${k}=${str(v)}`)
        .join('\n')
    : '';

/**
 * A labelled `key=value` per line field for a map: the text is kept as typed (a line without `=`
 * yet is not lost) and the parsed map is reported; a map changed from outside replaces the text.
 */
export function KeyValuesField(
  props: FieldBase & { value: unknown; onChange(value: Record<string, string>): void; rows?: number },
) {
  const outside = formatKeyValues(props.value);
  const [text, setText] = useState(outside);
  const shown = formatKeyValues(parseKeyValues(text)) === outside ? text : outside;
  return (
    <TextAreaField
      {...props}
      monospace
      value={shown}
      onChange={(next) => {
        setText(next);
        props.onChange(parseKeyValues(next));
      }}
    />
  );
}
