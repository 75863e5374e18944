import type { TaskView } from '@genoa/shared';
import { useState } from 'react';
import { serverGroupJobs, submitTask, type ServerGroup, type TaskJob } from '../../api/infrastructure.js';
import { followTask, taskError } from '../../api/tasks.js';
import { hrefTo } from '../../app/router.js';
import { ConfirmDialog } from '../../components/Dialog.js';

type Action = 'scale' | 'rollback' | 'enable' | 'disable' | 'destroy';

const labels: Record<Action, string> = {
  scale: 'Scale',
  rollback: 'Rollback',
  enable: 'Enable',
  disable: 'Disable',
  destroy: 'Delete',
};

/** Props of {@link ServerGroupActions}. */
export interface ServerGroupActionsProps {
  application: string;
  serverGroup: ServerGroup;
  onDone(): void;
}

/** A server group's actions (scale, rollback, enable/disable, delete): each confirmed, then run as a gate task and followed. */
export function ServerGroupActions({ application, serverGroup: sg, onDone }: ServerGroupActionsProps) {
  const [open, setOpen] = useState<Action>();
  const [replicas, setReplicas] = useState(String(sg.capacity?.desired ?? 1));
  const [task, setTask] = useState<TaskView>();
  const rollback = serverGroupJobs.rollback(sg);
  const actions: Action[] = [
    'scale',
    ...(rollback ? (['rollback'] as const) : []),
    sg.isDisabled ? 'enable' : 'disable',
    'destroy',
  ];
  const jobFor = (action: Action): TaskJob | undefined =>
    action === 'scale'
      ? serverGroupJobs.scale(sg, Number(replicas))
      : action === 'rollback'
        ? rollback
        : serverGroupJobs[action](sg);
  const run = async (action: Action) => {
    const job = jobFor(action);
    if (!job) throw new Error('nothing to do');
    if (action === 'scale' && !(Number.isInteger(Number(replicas)) && Number(replicas) >= 0))
      throw new Error('Replicas must be a whole number, 0 or more.');
    const id = await submitTask(application, `${labels[action]} ${sg.name}`, job);
    void followTask(id, setTask).then(onDone, () => undefined);
  };
  const name = sg.displayName ?? sg.name;
  return (
    <div className="sg-actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'destroy' ? 'button button--danger' : 'button button--secondary'}
          aria-haspopup="dialog"
          aria-label={`${labels[action]} ${name}`}
          onClick={() => setOpen(action)}
        >
          {labels[action]}
        </button>
      ))}
      {task ? (
        <span role="status" className="muted">
          <a href={hrefTo(`/applications/${encodeURIComponent(application)}/tasks`)}>{task.name ?? 'Task'}</a>
          : {task.status}
          {taskError(task) ? ` — ${taskError(task)}` : ''}
        </span>
      ) : null}
      {open ? (
        <ConfirmDialog
          title={`${labels[open]} ${name}`}
          danger={open === 'destroy' || open === 'disable'}
          confirmLabel={labels[open]}
          message={
            open === 'scale' ? (
              <div className="field">
                <label htmlFor="scale-replicas">Replicas</label>
                <input
                  id="scale-replicas"
                  type="number"
                  min={0}
                  value={replicas}
                  onChange={(e) => setReplicas(e.target.value)}
                />
              </div>
            ) : open === 'rollback' ? (
              <p>
                Undo the last rollout of {String(rollback?.manifestName)} in {sg.account}/{sg.namespace}?
              </p>
            ) : open === 'destroy' ? (
              <p>
                Delete {sg.name} from {sg.account}/{sg.namespace}? Its pods are deleted too.
              </p>
            ) : (
              <p>
                {labels[open]} traffic to {sg.name} (add it to or remove it from its load balancers)?
              </p>
            )
          }
          onConfirm={() => run(open)}
          onClose={() => setOpen(undefined)}
        />
      ) : null}
    </div>
  );
}
