import { nextWindowStart, type ExecutionWindow } from '../domain/execution-window.js';
import { defineTask, running, succeeded, terminal } from './define-task.js';

/** SuspendExecutionDuringTimeWindowTask: RUNNING until the stage's execution window opens. */
export const executionWindowTask = defineTask({
  implementingClass:
    'com.netflix.spinnaker.orca.pipeline.RestrictExecutionDuringTimeWindow$SuspendExecutionDuringTimeWindowTask',
  backoffMs: 30_000,
  timeoutMs: 7 * 24 * 60 * 60 * 1000,
  run(input, services) {
    if (input.stage.context.skipRemainingWait === true) return succeeded();
    const window = (input.stage.context.restrictedExecutionWindow ?? {}) as ExecutionWindow;
    const next = nextWindowStart(input.now, window, services.windowTimeZone);
    if (next === undefined)
      return terminal('The execution window never opens (check its days and hours)', {}, input.now);
    if (next <= input.now) return { status: 'SUCCEEDED', scheduledTime: next };
    // wake when the window opens (at most an hour later), not every 30 s as Orca polls
    return { ...running(undefined, Math.min(next - input.now, 60 * 60_000)), scheduledTime: next };
  },
});
