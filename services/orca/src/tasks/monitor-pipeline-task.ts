import { isComplete, type PipelineExecution } from '@genoa/shared';
import { executionContext } from '../domain/context.js';
import { defineTask, running, succeeded, terminal, exceptionDetails } from './define-task.js';

/** Errors of the child's failed stages, for the parent's exception. */
function childErrors(child: PipelineExecution): string[] {
  const errors: string[] = [];
  for (const s of child.stages) {
    if (s.status !== 'TERMINAL' && s.status !== 'STOPPED') continue;
    const details = (s.context.exception as { details?: { errors?: string[]; error?: string } } | undefined)
      ?.details;
    errors.push(
      ...(details?.errors ??
        (details?.error ? [details.error] : [`stage ${s.name ?? s.type} ended ${s.status}`])),
    );
  }
  return errors.length > 0 ? errors : [`child pipeline ended ${child.status}`];
}

/**
 * MonitorPipelineTask: follows the child execution; its status is mirrored in `context.status`.
 * SUCCEEDED copies the child's outputs to this stage's outputs (unless `skipDownstreamOutput`).
 */
export const monitorPipelineTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.front50.tasks.MonitorPipelineTask',
  backoffMs: 15_000,
  timeoutMs: 12 * 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services) {
    const id = input.stage.context.executionId;
    if (typeof id !== 'string')
      return terminal('No child execution to monitor (executionId is missing)', {}, input.now);
    const child = await services.getExecution(id);
    if (!child) return terminal(`Child execution ${id} was not found`, {}, input.now);
    const context = { status: child.status };
    if (!isComplete(child.status)) return running(context);
    if (child.status === 'SUCCEEDED') {
      const outputs = input.stage.context.skipDownstreamOutput === true ? {} : executionContext(child);
      return succeeded({ context, outputs });
    }
    if (child.status === 'CANCELED') return { status: 'CANCELED', context };
    const errors = childErrors(child);
    const exception = exceptionDetails(errors[0]!, input.now);
    return {
      status: 'TERMINAL',
      context: { ...context, exception: { ...exception, details: { error: errors[0], errors } } },
    };
  },
});
