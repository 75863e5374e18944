import { defineHelper } from './define-helper.js';
import { lookupPipelineId } from './pipeline-id.js';
import { helperError } from './support.js';

/** `#pipelineIdInApplication(name, application)`: a pipeline id in another application. */
export const pipelineIdInApplicationHelper = defineHelper({
  name: 'pipelineIdInApplication',
  description: 'Looks up a pipeline id by name within the given application',
  minArgs: 2,
  maxArgs: 2,
  call([name, application], call) {
    const id = lookupPipelineId(call, 'pipelineIdInApplication', name, application);
    if (id === null)
      throw helperError(
        `Pipeline with name '${String(name)}' could not be found on application ${String(application)}`,
      );
    return id;
  },
});
