import { upsertApplicationTask } from '../tasks/front50-tasks.js';
import { defineStage } from './define-stage.js';

/** `upsertApplication` (task job): creates or updates the application in front50 (UpsertApplicationTask). */
export const upsertApplicationStage = defineStage({
  type: 'upsertApplication',
  tasks: () => [{ name: 'upsertApplication', task: upsertApplicationTask }],
});
