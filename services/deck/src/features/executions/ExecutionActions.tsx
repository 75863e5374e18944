import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useState } from 'react';
import { cancelExecution, pauseOrResume } from '../../api/executions.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { StartPipelineForm } from './StartPipelineForm.js';
import { isActive } from './executionView.js';

/** Props of {@link ExecutionActions}. */
export interface ExecutionActionsProps {
  application: string;
  execution: PipelineExecution;
  /** The execution's pipeline config, for a re-run (absent: no re-run). */
  pipeline?: (Pipeline & { name: string }) | undefined;
  onChanged: () => void;
  onError: (message: string) => void;
}

type Open = 'cancel' | 'rerun' | undefined;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Cancel (with a reason), pause/resume, and re-run with the same parameters. */
export function ExecutionActions({
  application,
  execution,
  pipeline,
  onChanged,
  onError,
}: ExecutionActionsProps) {
  const [open, setOpen] = useState<Open>();
  const active = isActive(execution.status);
  const pausing = (action: 'pause' | 'resume') =>
    pauseOrResume(execution.id, action).then(onChanged, (err: unknown) =>
      onError(`Could not ${action}: ${message(err)}`),
    );
  return (
    <>
      {execution.status === 'RUNNING' ? (
        <button type="button" className="button button--secondary" onClick={() => void pausing('pause')}>
          Pause
        </button>
      ) : null}
      {execution.status === 'PAUSED' ? (
        <button type="button" className="button button--secondary" onClick={() => void pausing('resume')}>
          Resume
        </button>
      ) : null}
      {active ? (
        <button
          type="button"
          className="button button--danger"
          aria-haspopup="dialog"
          onClick={() => setOpen('cancel')}
        >
          Cancel
        </button>
      ) : null}
      {!active && pipeline ? (
        <button
          type="button"
          className="button button--secondary"
          aria-haspopup="dialog"
          onClick={() => setOpen('rerun')}
        >
          Re-run
        </button>
      ) : null}
      {open === 'cancel' ? (
        <ConfirmDialog
          title="Cancel execution"
          message={<p>Cancel the running execution of {execution.name ?? execution.id}?</p>}
          confirmLabel="Cancel execution"
          danger
          reasonLabel="Reason (optional)"
          onConfirm={(reason) => cancelExecution(execution.id, reason).then(onChanged)}
          onClose={() => setOpen(undefined)}
        />
      ) : null}
      {open === 'rerun' && pipeline ? (
        <StartPipelineForm
          application={application}
          pipeline={pipeline}
          previousTrigger={execution.trigger ?? {}}
          onClose={() => setOpen(undefined)}
          onStarted={() => {
            setOpen(undefined);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
