import { savePipelineTask } from '../tasks/pipeline-config-tasks.js';
import { defineStage } from './define-stage.js';

/** `savePipeline` (task job sent by gate): saves a pipeline config in front50. */
export const savePipelineStage = defineStage({
  type: 'savePipeline',
  tasks: () => [{ name: 'savePipeline', task: savePipelineTask }],
});
