import { updatePipelineTask } from '../tasks/pipeline-config-tasks.js';
import { defineStage } from './define-stage.js';

/** `updatePipeline` (task job sent by gate): updates a pipeline config in front50. */
export const updatePipelineStage = defineStage({
  type: 'updatePipeline',
  tasks: () => [{ name: 'updatePipeline', task: updatePipelineTask }],
});
