import type { TaskView } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { GateError } from '../../api/gate-client.js';
import { cancelTask, getTasks, taskDone, taskError } from '../../api/tasks.js';
import { AppNav } from '../../app/AppNav.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { JsonViewer } from '../../components/JsonViewer.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ExecutionStatusSchema } from '@genoa/shared';
import { LiveIndicator } from '../executions/LiveIndicator.js';
import { elapsed, formatDuration, statusLabel, statusTone } from '../executions/executionView.js';
import { useLiveUpdates } from '../live/useLiveUpdates.js';
import { GateErrorPanel } from '../suite-status/GateErrorPanel.js';

const badge = (status: string) => {
  const parsed = ExecutionStatusSchema.safeParse(status);
  return parsed.success ? (
    <StatusBadge tone={statusTone(parsed.data)} label={statusLabel(parsed.data)} />
  ) : (
    <StatusBadge tone="unknown" label={status} />
  );
};

function TaskRow({ task, now, onChanged }: { task: TaskView; now: number; onChanged(): void }) {
  const [cancelling, setCancelling] = useState(false);
  const steps = task.steps.filter((s) => typeof s.name === 'string');
  const doneSteps = steps.filter((s) => s.status === 'SUCCEEDED').length;
  const error = taskError(task);
  return (
    <li className="execution" data-testid={`task-${task.id}`}>
      <div className="execution__summary">
        {badge(task.status)}
        <strong>{task.name ?? task.id}</strong>
        <span className="muted">
          {task.startTime ? new Date(task.startTime).toLocaleString() : 'not started'}
        </span>
        <span className="muted">{formatDuration(elapsed(task, now))}</span>
        <span className="muted">
          {doneSteps}/{steps.length} steps
        </span>
        {!taskDone(task) ? (
          <span className="execution__actions">
            <button
              type="button"
              className="button button--danger"
              aria-haspopup="dialog"
              onClick={() => setCancelling(true)}
            >
              Cancel
            </button>
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <details>
        <summary>Steps and variables</summary>
        <ol>
          {steps.map((step, index) => (
            <li key={index}>
              {String(step.name)}: {String(step.status ?? '')}
            </li>
          ))}
        </ol>
        <JsonViewer
          value={Object.fromEntries(task.variables.map((v) => [v.key, v.value]))}
          label="Task variables"
        />
      </details>
      {cancelling ? (
        <ConfirmDialog
          title="Cancel task"
          message={<p>Cancel {task.name ?? task.id}?</p>}
          confirmLabel="Cancel task"
          danger
          onConfirm={() => cancelTask(task.id).then(onChanged)}
          onClose={() => setCancelling(false)}
        />
      ) : null}
    </li>
  );
}

/** `#/applications/{app}/tasks`: the application's orchestrations (create app, save pipeline, scale, …), live. */
export function TasksPage({ application }: { application: string }) {
  const [tasks, setTasks] = useState<TaskView[]>();
  const [error, setError] = useState<GateError>();
  const [now, setNow] = useState(Date.now());
  const inFlight = useRef<AbortController | undefined>(undefined);
  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    getTasks(application, 50, controller.signal).then(
      (list) => {
        setTasks(
          list.slice().sort((a, b) => (b.startTime ?? b.buildTime ?? 0) - (a.startTime ?? a.buildTime ?? 0)),
        );
        setError(undefined);
        setNow(Date.now());
      },
      (err: unknown) => {
        if (!controller.signal.aborted)
          setError(err instanceof GateError ? err : new GateError(String(err), 'unreachable', 'tasks'));
      },
    );
  }, [application]);
  useEffect(() => () => inFlight.current?.abort(), []);
  const mode = useLiveUpdates(application, {
    onResync: refresh,
    onExecution: (event) => {
      if (event.executionType === 'ORCHESTRATION') refresh();
    },
  });
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>
          <span className="muted">{application} /</span> Tasks
        </h1>
        <LiveIndicator mode={mode} />
      </div>
      <AppNav application={application} current="tasks" />
      <GateErrorPanel errors={error ? [error] : []} />
      {tasks === undefined && !error ? <p className="muted">Loading tasks…</p> : null}
      {tasks?.length === 0 ? <p className="muted">No tasks yet.</p> : null}
      <ul className="executions">
        {(tasks ?? []).map((task) => (
          <TaskRow key={task.id} task={task} now={now} onChanged={refresh} />
        ))}
      </ul>
    </>
  );
}
