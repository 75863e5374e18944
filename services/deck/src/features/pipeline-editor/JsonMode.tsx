import type { Pipeline } from '@genoa/shared';
import { useRef, useState } from 'react';
import { keepImmutable, validatePipelineJson, type FieldError } from './jsonValidation.js';

/** Props of {@link JsonMode}. */
export interface JsonModeProps {
  pipeline: Pipeline;
  onApply(pipeline: Pipeline): void;
}

/** Moves the caret of `textarea` to the start of `line` and scrolls it into view. */
function goToLine(textarea: HTMLTextAreaElement, line: number) {
  const lines = textarea.value.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
  const lineHeight = textarea.scrollHeight / Math.max(1, lines.length);
  textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/**
 * "Edit as JSON": the whole pipeline as text; Apply validates it against the shared
 * `PipelineSchema` and the graph rules, and lists each error with its field path and line (a
 * button that selects that line). `id`, `application`, `name` and `index` stay as they were.
 */
export function JsonMode({ pipeline, onApply }: JsonModeProps) {
  const [text, setText] = useState(() => JSON.stringify(pipeline, null, 2));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [applied, setApplied] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const apply = () => {
    const result = validatePipelineJson(text);
    setApplied(result.ok);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    onApply(keepImmutable(result.pipeline, pipeline));
  };
  return (
    <section className="card" aria-labelledby="json-title">
      <h2 id="json-title">Pipeline JSON</h2>
      <div className="field">
        <label htmlFor="pipeline-json">
          Pipeline JSON (id, application, name and index are kept as they are)
        </label>
        <textarea
          id="pipeline-json"
          ref={area}
          className="monospace"
          rows={28}
          spellCheck={false}
          value={text}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? 'pipeline-json-errors' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setApplied(false);
          }}
        />
        {errors.length > 0 ? (
          <ul id="pipeline-json-errors" className="field__error json-errors" data-testid="json-errors">
            {errors.map((error, index) => (
              <li key={index}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => area.current && goToLine(area.current, error.line)}
                >
                  line {error.line}
                </button>{' '}
                <code>{error.path || '(document)'}</code>: {error.message}
              </li>
            ))}
          </ul>
        ) : null}
        {applied ? (
          <small className="muted" role="status">
            Applied. Save to keep it.
          </small>
        ) : null}
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={apply}>
          Apply JSON
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setText(JSON.stringify(pipeline, null, 2))}
        >
          Reset to current
        </button>
      </div>
    </section>
  );
}
