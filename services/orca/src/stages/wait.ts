import { waitTask } from '../tasks/wait-task.js';
import { defineStage } from './define-stage.js';

/** `wait`: waits `waitTime` seconds; Deck's "Skip remaining wait" sets `skipRemainingWait`. */
export const waitStage = defineStage({
  type: 'wait',
  tasks: () => [{ name: 'wait', task: waitTask }],
  prepareForRestart: (stage) => void delete stage.context.skipRemainingWait,
});
