import { deleteApplicationTask } from '../tasks/front50-tasks.js';
import { defineStage } from './define-stage.js';

/** `deleteApplication` (task job): deletes the application and its permissions in front50. */
export const deleteApplicationStage = defineStage({
  type: 'deleteApplication',
  tasks: () => [{ name: 'deleteApplication', task: deleteApplicationTask }],
});
