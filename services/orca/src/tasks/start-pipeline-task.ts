import { defineTask, succeeded, terminal } from './define-task.js';

/**
 * StartPipelineTask: starts the child pipeline (config id `pipeline`) with `pipelineParameters`.
 * The correlation id `<parent>_<stage>_<child config>_<parent start>` makes a repeated start
 * return the first child instead of running it twice. The child runs as the parent's user with the
 * parent's allowed accounts (Spinnaker propagates the parent's authentication).
 */
export const startPipelineTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.front50.tasks.StartPipelineTask',
  backoffMs: 1000,
  timeoutMs: 60_000,
  keyedByStoredState: true,
  async run(input, services) {
    const { context } = input.stage;
    if (typeof context.executionId === 'string') return succeeded();
    const configId = context.pipeline;
    if (typeof configId !== 'string' || configId === '')
      return terminal('The pipeline stage needs a pipeline config id (`pipeline`)', {}, input.now);
    const config = await services.front50.getPipeline(configId);
    if (!config) return terminal(`Pipeline config ${configId} was not found`, {}, input.now);
    if (config.disabled === true)
      return terminal('Pipeline is disabled and cannot be started.', {}, input.now);
    const e = input.execution;
    const correlationId = `${e.id}_${input.stage.id}_${configId}_${e.startTime ?? 0}`;
    const parameters = (context.pipelineParameters as Record<string, unknown> | undefined) ?? {};
    const user = e.authentication?.user ?? e.trigger?.user ?? 'anonymous';
    const executionId = await services.startPipeline({
      pipeline: config,
      trigger: {
        type: 'pipeline',
        user,
        parentExecution: e,
        parentPipelineStageId: input.stage.id,
        parentPipelineId: e.pipelineConfigId,
        parentPipelineName: e.name,
        parentPipelineApplication: e.application,
        parentStatus: e.status,
        isPipeline: true,
        parameters,
        strategy: false,
        correlationId,
      },
      user: user ?? undefined,
      accounts: e.authentication?.allowedAccounts ?? [],
      correlationKey: correlationId,
    });
    return succeeded({ context: { executionId, executionName: config.name } });
  },
});
