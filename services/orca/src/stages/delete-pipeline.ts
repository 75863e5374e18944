import { deletePipelineTask } from '../tasks/pipeline-config-tasks.js';
import { defineStage } from './define-stage.js';

/** `deletePipeline` (task job sent by gate): deletes a pipeline config in front50. */
export const deletePipelineStage = defineStage({
  type: 'deletePipeline',
  tasks: () => [{ name: 'deletePipeline', task: deletePipelineTask }],
});
