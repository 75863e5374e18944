import { defineTask, succeeded, terminal } from './define-task.js';
import { decodePayload } from './front50-tasks.js';

/**
 * SavePipelineTask: saves the (base64) `pipeline` in front50, keeping the stored `index` when the
 * new one has none; with `isBulkSavingPipelines`, saves `pipelines` in one batch.
 */
export const savePipelineTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.front50.tasks.SavePipelineTask',
  backoffMs: 1_000,
  timeoutMs: 30_000,
  async run(input, services) {
    const c = input.stage.context;
    const staleCheck = c.staleCheck === true || c.staleCheck === 'true';
    if (c.isBulkSavingPipelines === true) {
      const list = decodePayload(c.pipelines, 'pipelines');
      if (!Array.isArray(list)) return terminal('`pipelines` must be a list', {}, input.now);
      const bulksave = await services.front50.savePipelines(list as Record<string, unknown>[], staleCheck);
      return succeeded({ context: { bulksave }, outputs: { 'notification.type': 'savepipeline' } });
    }
    const pipeline = decodePayload(c.pipeline, 'pipeline') as Record<string, unknown>;
    if (pipeline.index == null && typeof pipeline.id === 'string') {
      const existing = await services.front50.getPipeline(pipeline.id);
      if (existing?.index != null) pipeline.index = existing.index;
    }
    const saved = await services.front50.savePipeline(pipeline, staleCheck);
    return succeeded({
      outputs: {
        'notification.type': 'savepipeline',
        'pipeline.id': saved.id ?? pipeline.id,
        'pipeline.name': saved.name ?? pipeline.name,
      },
    });
  },
});

/** UpdatePipelineTask: replaces the pipeline with its id in front50 (`PUT /pipelines/{id}`). */
export const updatePipelineTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.front50.tasks.UpdatePipelineTask',
  backoffMs: 1_000,
  timeoutMs: 30_000,
  async run(input, services) {
    const pipeline = decodePayload(input.stage.context.pipeline, 'pipeline') as Record<string, unknown>;
    if (typeof pipeline.id !== 'string') return terminal('The pipeline to update has no id', {}, input.now);
    const saved = await services.front50.updatePipeline(pipeline.id, pipeline);
    return succeeded({
      outputs: {
        'notification.type': 'savepipeline',
        'pipeline.id': pipeline.id,
        'pipeline.name': saved.name ?? pipeline.name,
      },
    });
  },
});

/** DeletePipelineTask: deletes the pipeline by application and name. */
export const deletePipelineTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.front50.tasks.DeletePipelineTask',
  backoffMs: 1_000,
  timeoutMs: 30_000,
  async run(input, services) {
    const pipeline = decodePayload(input.stage.context.pipeline, 'pipeline') as Record<string, unknown>;
    const { application, name } = pipeline;
    if (typeof application !== 'string' || typeof name !== 'string')
      return terminal('The pipeline to delete needs application and name', {}, input.now);
    await services.front50.deletePipeline(application, name);
    return succeeded({ outputs: { 'notification.type': 'deletepipeline', 'pipeline.name': name } });
  },
});
