import { upsertApplicationTask } from '../tasks/front50-tasks.js';
import { defineStage } from './define-stage.js';

/** `updateApplication` (task job): creates or updates the application in front50 (UpsertApplicationTask). */
export const updateApplicationStage = defineStage({
  type: 'updateApplication',
  tasks: () => [{ name: 'upsertApplication', task: upsertApplicationTask }],
});
