import { randomInt } from 'node:crypto';
import type { PipelineExecution, StageExecution } from '@genoa/shared';
import { executionWindowTask } from '../tasks/execution-window-task.js';
import { waitTask } from '../tasks/wait-task.js';
import { defineStage } from './define-stage.js';

/** `restrictedExecutionWindow.jitter` (seconds): a random wait after the window opens. */
interface Jitter {
  enabled?: boolean;
  skipManual?: boolean;
  minDelay?: number;
  maxDelay?: number;
}

/**
 * The jitter wait in seconds for this run, or undefined: Orca draws it (minDelay…maxDelay) when
 * jitter is enabled with a positive maxDelay, except for manual triggers with `skipManual`.
 */
function jitterSeconds(stage: StageExecution, execution: PipelineExecution): number | undefined {
  const window = stage.context.restrictedExecutionWindow as { jitter?: Jitter } | undefined;
  const jitter = window?.jitter;
  const min = Number(jitter?.minDelay ?? 0);
  const max = Number(jitter?.maxDelay ?? 0);
  if (jitter?.enabled !== true || !(max > 0) || !(min >= 0) || min > max) return undefined;
  if (jitter.skipManual === true && execution.trigger?.type === 'manual') return undefined;
  return randomInt(Math.floor(min), Math.floor(max) + 1);
}

/**
 * The synthetic execution-window stage added before stages with `restrictExecutionDuringTimeWindow`:
 * waits for the window, then (with jitter) for `waitTime`, drawn once at planning and kept in the
 * context. Like Orca's WaitTask, that wait counts from the window stage's start. Skipping
 * (`skipRemainingWait`) ends both.
 */
export const restrictExecutionDuringTimeWindowStage = defineStage({
  type: 'restrictExecutionDuringTimeWindow',
  tasks: (stage, execution) => {
    const graph = [{ name: 'suspendExecutionDuringTimeWindow', task: executionWindowTask }];
    const jitter = jitterSeconds(stage, execution);
    if (jitter === undefined) return graph;
    stage.context.waitTime ??= jitter;
    return [...graph, { name: 'waitForJitter', task: waitTask }];
  },
  canManuallySkip: () => true,
});
