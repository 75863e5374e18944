import { taskLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** RescheduleExecution: run every RUNNING task now, skipping its back-off. */
export const rescheduleExecutionHandler: Handler<'rescheduleExecution'> = {
  scope: 'execution',
  async handle(_message, ctx) {
    for (const stage of ctx.execution.stages) {
      if (stage.status !== 'RUNNING') continue;
      for (const t of stage.tasks ?? [])
        if (t.status === 'RUNNING') ctx.ensure({ kind: 'runTask', ...taskLevel(ctx, stage, t) }, 0);
    }
  },
};
