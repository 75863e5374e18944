import { defineTask, running, succeeded, terminal } from '../define-task.js';
import { jenkinsJob, jenkinsParameters, missingJob } from './jenkins-support.js';

/**
 * StartJenkinsJobTask: asks igor to queue the job with the stage's `parameters` and records the
 * queue item as `context.queuedBuild`.
 *
 * Idempotency: the request carries the execution id (`X-SPINNAKER-EXECUTION-ID`) and the stage's
 * start time, and igor keys its pending-operations record on (master, job, execution, start time,
 * parameters). If orca dies after igor queued the build but before `queuedBuild` was stored, the
 * retried task sends the same request and igor answers with the first queue item (202 while the
 * first request is still in flight → RUNNING), so Jenkins never gets a second build. A restarted
 * stage has a new start time, so it does start a new build.
 */
export const startJenkinsJobTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.igor.tasks.StartJenkinsJobTask',
  backoffMs: 30_000,
  timeoutMs: 15 * 60 * 1000,
  keyedByStoredState: true,
  async run(input, services) {
    const { stage, execution } = input;
    if (stage.context.queuedBuild != null) return succeeded();
    const target = jenkinsJob(stage);
    if (!target) return terminal(missingJob, {}, input.now);
    const outcome = await services.igor.build(
      target.master,
      target.job,
      jenkinsParameters(stage.context.parameters),
      { executionId: execution.id, startTime: String(stage.startTime ?? execution.startTime ?? 0) },
    );
    if ('pending' in outcome) return running(undefined, 2_000);
    return succeeded({ context: { queuedBuild: outcome.queuedBuild } });
  },
});
