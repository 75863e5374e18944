import type { ExecutionStatus } from '@genoa/shared';
import { defineTask, exceptionDetails, running, terminal, type TaskResult } from '../define-task.js';
import { buildNumberOf, isTrue, jenkinsJob, missingJob, pollBackoff } from './jenkins-support.js';

/** Jenkins results that end the stage (Spinnaker's MonitorJenkinsJobTask status map). */
const STATUS: Record<string, ExecutionStatus> = {
  SUCCESS: 'SUCCEEDED',
  UNSTABLE: 'TERMINAL',
  FAILURE: 'TERMINAL',
  ABORTED: 'CANCELED',
};

/**
 * MonitorJenkinsJobTask: follows the build through igor. While it runs, `context.buildInfo` is
 * refreshed; when it ends, `buildInfo` goes to the context and the outputs and the result decides
 * the status (UNSTABLE succeeds with `markUnstableAsSuccessful`). Other results keep polling.
 */
export const monitorJenkinsJobTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.igor.tasks.MonitorJenkinsJobTask',
  backoffMs: pollBackoff,
  timeoutMs: 2 * 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services): Promise<TaskResult> {
    const { stage } = input;
    const target = jenkinsJob(stage);
    if (!target) return terminal(missingJob, {}, input.now);
    const n = buildNumberOf(stage);
    if (n === undefined) return terminal('No build to monitor (buildNumber is missing)', {}, input.now);
    const buildInfo = await services.igor.buildStatus(target.master, target.job, n);
    const result = typeof buildInfo.result === 'string' ? buildInfo.result : '';
    let status = buildInfo.building === true ? undefined : STATUS[result];
    if (status === undefined) return running({ buildInfo });
    if (result === 'UNSTABLE' && isTrue(stage.context.markUnstableAsSuccessful)) status = 'SUCCEEDED';
    const data = { buildInfo };
    if (status !== 'TERMINAL') return { status, context: data, outputs: data };
    const error = `Jenkins job ${target.job} #${n} ended ${result}`;
    return { status, context: { ...data, exception: exceptionDetails(error, input.now) }, outputs: data };
  },
});
