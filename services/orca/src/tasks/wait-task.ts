import { defineTask, running, succeeded, terminal, type TaskInput } from './define-task.js';

/** `waitTime` in seconds (numbers or numeric strings); undefined if invalid. */
export function waitSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

const remaining = (input: TaskInput): number => {
  const seconds = waitSeconds(input.stage.context.waitTime) ?? 0;
  return (input.stage.startTime ?? input.now) + seconds * 1000 - input.now;
};

/** WaitTask: SUCCEEDED once `waitTime` seconds have passed since the stage started, or when skipped. */
export const waitTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.pipeline.tasks.WaitTask',
  backoffMs: (input) => Math.max(1, Math.min(remaining(input), 1000 * 60 * 60)),
  timeoutMs: Infinity,
  run(input) {
    const { context } = input.stage;
    if (waitSeconds(context.waitTime ?? 0) === undefined)
      return terminal(
        `waitTime must be a number of seconds, got ${JSON.stringify(context.waitTime)}`,
        {},
        input.now,
      );
    if (context.skipRemainingWait === true) return succeeded();
    const left = remaining(input);
    return left <= 0 ? succeeded() : running(undefined, left);
  },
});
