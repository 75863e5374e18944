import { executionWindowTask } from '../tasks/execution-window-task.js';
import { defineStage } from './define-stage.js';

/** The synthetic execution-window stage added before stages with `restrictExecutionDuringTimeWindow`. */
export const restrictExecutionDuringTimeWindowStage = defineStage({
  type: 'restrictExecutionDuringTimeWindow',
  tasks: () => [{ name: 'suspendExecutionDuringTimeWindow', task: executionWindowTask }],
  canManuallySkip: () => true,
});
