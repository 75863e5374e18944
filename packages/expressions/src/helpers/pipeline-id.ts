import { ExpressionError } from '../errors.js';
import { defineHelper, type HelperCall } from './define-helper.js';
import { executionOf, helperError, stringArg } from './support.js';

/** Looks a pipeline id up through the injected Front50 lookup (async, through the I/O gate). */
export function lookupPipelineId(
  call: HelperCall,
  helper: string,
  name: unknown,
  application?: unknown,
): string | null {
  const lookup = call.ctx.services?.pipelineId;
  if (!lookup)
    throw new ExpressionError('HELPER', `#${helper} is not available: no pipeline lookup is configured`);
  const pipelineName = stringArg(name, helper);
  const app =
    application === undefined
      ? String(executionOf(call, helper).application ?? '')
      : stringArg(application, helper);
  const id = call.io.get(`pipeline:${app}/${pipelineName}`, () => lookup(app, pipelineName));
  return typeof id === 'string' ? id : null;
}

/** `#pipelineId(name)`: the config id of the pipeline with that name in this application. */
export const pipelineIdHelper = defineHelper({
  name: 'pipelineId',
  description: 'Looks up a pipeline id by name within the current application',
  minArgs: 1,
  maxArgs: 1,
  call([name], call) {
    const id = lookupPipelineId(call, 'pipelineId', name);
    if (id === null)
      throw helperError(`Pipeline with name '${String(name)}' could not be found on application`);
    return id;
  },
});
