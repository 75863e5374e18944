import { upsertApplicationTask } from '../tasks/front50-tasks.js';
import { defineStage } from './define-stage.js';

/** `createApplication` (task job): creates or updates the application in front50 (UpsertApplicationTask). */
export const createApplicationStage = defineStage({
  type: 'createApplication',
  tasks: () => [{ name: 'upsertApplication', task: upsertApplicationTask }],
});
