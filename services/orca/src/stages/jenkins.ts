import { getBuildPropertiesTask } from '../tasks/jenkins/get-build-properties-task.js';
import { buildNumberOf, isFalse, jenkinsJob } from '../tasks/jenkins/jenkins-support.js';
import { monitorJenkinsJobTask } from '../tasks/jenkins/monitor-jenkins-job-task.js';
import { monitorQueuedJenkinsJobTask } from '../tasks/jenkins/monitor-queued-jenkins-job-task.js';
import { startJenkinsJobTask } from '../tasks/jenkins/start-jenkins-job-task.js';
import { defineStage } from './define-stage.js';

/** Context keys the tasks write, cleared when the stage is restarted. */
const PRODUCED = ['queuedBuild', 'buildNumber', 'buildInfo', 'propertyFileContents'];

/**
 * `jenkins` (engine.md §5.4): queues `job` on `master` with `parameters` through igor, waits for the
 * queue item to become a build and, unless `waitForCompletion` is false, follows it to completion
 * and reads its `propertyFile`. Cancelling the stage stops the build (or the queue item).
 */
export const jenkinsStage = defineStage({
  type: 'jenkins',
  tasks(stage) {
    return [
      { name: 'startJenkinsJob', task: startJenkinsJobTask },
      { name: 'waitForJenkinsJobStart', task: monitorQueuedJenkinsJobTask },
      ...(isFalse(stage.context.waitForCompletion)
        ? []
        : [
            { name: 'monitorJenkinsJob', task: monitorJenkinsJobTask },
            { name: 'getBuildProperties', task: getBuildPropertiesTask },
          ]),
    ];
  },
  prepareForRestart(stage) {
    for (const key of PRODUCED) delete stage.context[key];
  },
  async cancel(stage, _execution, services) {
    const target = jenkinsJob(stage);
    const queued = stage.context.queuedBuild;
    if (!target || queued == null) return;
    // The queue item may have become a build since waitForJenkinsJobStart last looked.
    const n =
      buildNumberOf(stage) ?? (await services.igor.queuedBuildNumber(target.master, String(queued))) ?? 0;
    await services.igor.stop(target.master, target.job, String(queued), n);
  },
});
