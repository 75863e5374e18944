import { defineTask, running, succeeded, terminal } from '../define-task.js';
import { jenkinsJob, missingJob, pollBackoff } from './jenkins-support.js';

/**
 * MonitorQueuedJenkinsJobTask (`waitForJenkinsJobStart`): polls igor for the queue item until
 * Jenkins has turned it into a build, then records `context.buildNumber`. A missing queue item
 * (404) means "keep waiting", as in Spinnaker.
 */
export const monitorQueuedJenkinsJobTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.igor.tasks.MonitorQueuedJenkinsJobTask',
  backoffMs: pollBackoff,
  timeoutMs: 2 * 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services) {
    const { stage } = input;
    const target = jenkinsJob(stage);
    if (!target) return terminal(missingJob, {}, input.now);
    if (stage.context.queuedBuild == null)
      return terminal('No queued build to wait for (queuedBuild is missing)', {}, input.now);
    const number = await services.igor.queuedBuildNumber(target.master, String(stage.context.queuedBuild));
    return number === undefined ? running() : succeeded({ context: { buildNumber: number } });
  },
});
