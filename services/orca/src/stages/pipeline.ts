import { monitorPipelineTask } from '../tasks/monitor-pipeline-task.js';
import { startPipelineTask } from '../tasks/start-pipeline-task.js';
import { defineStage } from './define-stage.js';

/** `pipeline`: runs another pipeline by config id and (unless `waitForCompletion` is false) follows it. */
export const pipelineStage = defineStage({
  type: 'pipeline',
  tasks(stage) {
    const wait = stage.context.waitForCompletion !== false && stage.context.waitForCompletion !== 'false';
    return [
      { name: 'startPipeline', task: startPipelineTask },
      ...(wait ? [{ name: 'monitorPipeline', task: monitorPipelineTask }] : []),
    ];
  },
  canManuallySkip: (stage) => stage.context.skippable === true,
  prepareForRestart(stage) {
    delete stage.context.executionId;
    delete stage.context.executionName;
    delete stage.context.status;
  },
  async cancel(stage, execution, services) {
    const child = stage.context.executionId;
    if (typeof child !== 'string') return;
    await services.cancelExecution(
      child,
      String(stage.context.application ?? execution.application),
      'spinnaker',
      `Parent pipeline stage ${stage.name ?? stage.id} was canceled`,
    );
  },
});
