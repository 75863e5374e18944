import { useState, type FormEvent } from 'react';
import { evaluateExpression, type EvaluationOutcome } from '../../api/expressions.js';
import { JsonViewer } from '../../components/JsonViewer.js';

/** "Evaluate expression": runs a SpEL-style `${…}` expression against this execution through gate. */
export function ExpressionPanel({ executionId }: { executionId: string }) {
  const [expression, setExpression] = useState('${execution.status}');
  const [outcome, setOutcome] = useState<EvaluationOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!expression.trim()) {
      setOutcome({ ok: false, errors: ['Enter an expression, e.g. ${trigger.parameters.env}.'] });
      return;
    }
    setBusy(true);
    evaluateExpression(executionId, expression)
      .then(setOutcome, (err: unknown) =>
        setOutcome({ ok: false, errors: [err instanceof Error ? err.message : String(err)] }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="card" aria-labelledby="expression-heading">
      <h2 id="expression-heading">Evaluate expression</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="expression-input">Expression</label>
          <input
            id="expression-input"
            className="monospace"
            spellCheck={false}
            value={expression}
            aria-describedby="expression-hint"
            onChange={(e) => setExpression(e.target.value)}
          />
          <small id="expression-hint" className="muted">
            Evaluated against this execution, e.g. <code>{'${trigger.parameters.env}'}</code> or{' '}
            <code>{"${#stage('Deploy').status}"}</code>
          </small>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Evaluating…' : 'Evaluate'}
          </button>
        </div>
      </form>
      {outcome?.ok ? (
        <div data-testid="expression-result" aria-live="polite">
          <h3>Result</h3>
          {typeof outcome.value === 'object' && outcome.value !== null ? (
            <JsonViewer value={outcome.value} />
          ) : (
            <pre className="monospace">{JSON.stringify(outcome.value)}</pre>
          )}
        </div>
      ) : null}
      {outcome && !outcome.ok ? (
        <div className="error-panel" role="alert">
          <p className="error-panel__title">Could not evaluate the expression</p>
          {outcome.errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      ) : null}
    </section>
  );
}
