import type { StageExecution } from '@genoa/shared';
import { useState } from 'react';
import { judgeStage, type JudgmentStatus } from '../../api/executions.js';
import { judgmentInputs } from './executionView.js';

/** Props of {@link ManualJudgment}. */
export interface ManualJudgmentProps {
  executionId: string;
  stage: StageExecution;
  /** Called after gate accepted the judgment, to poll at once. */
  onJudged: () => void;
}

/** The Continue / Stop buttons (and optional input) of a RUNNING manual judgment stage. */
export function ManualJudgment({ executionId, stage, onJudged }: ManualJudgmentProps) {
  const inputs = judgmentInputs(stage);
  const [input, setInput] = useState(inputs[0] ?? '');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const instructions =
    typeof stage.context.instructions === 'string' ? stage.context.instructions : undefined;
  const inputId = `judgment-input-${stage.id}`;

  const judge = (status: JudgmentStatus) => {
    setSending(true);
    setError(undefined);
    judgeStage(executionId, stage.id, status, input || undefined).then(
      () => {
        setSending(false);
        onJudged();
      },
      (err: unknown) => {
        setSending(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <div className="judgment" role="group" aria-label={`Manual judgment: ${stage.name ?? 'judgment'}`}>
      <p className="judgment__title">Waiting for judgment{stage.name ? `: ${stage.name}` : ''}</p>
      {instructions ? <p>{instructions}</p> : null}
      {inputs.length > 0 ? (
        <div className="field field--inline">
          <label htmlFor={inputId}>Judgment input</label>
          <select id={inputId} value={input} onChange={(event) => setInput(event.target.value)}>
            {inputs.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button" disabled={sending} onClick={() => judge('continue')}>
          Continue
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={sending}
          onClick={() => judge('stop')}
        >
          Stop
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          Judgment not recorded: {error}
        </p>
      ) : null}
    </div>
  );
}
