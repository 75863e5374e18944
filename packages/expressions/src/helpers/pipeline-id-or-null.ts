import { defineHelper } from './define-helper.js';
import { lookupPipelineId } from './pipeline-id.js';

/** `#pipelineIdOrNull(name)`: like `#pipelineId`, but null when there is no such pipeline. */
export const pipelineIdOrNullHelper = defineHelper({
  name: 'pipelineIdOrNull',
  description: 'Looks up a pipeline id by name within the current application, or null',
  minArgs: 1,
  maxArgs: 1,
  call: ([name], call) => lookupPipelineId(call, 'pipelineIdOrNull', name),
});
