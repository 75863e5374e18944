import { defineTask, running, succeeded, terminal } from '../define-task.js';
import { buildNumberOf, jenkinsJob, missingJob } from './jenkins-support.js';

/** How long an absent or empty property file is waited for (Jenkins may still be archiving it). */
const ARCHIVE_GRACE_MS = 10_000;

/** The stage's property file name: `propertyFile`, also accepted as `property`. */
export const propertyFileOf = (context: Record<string, unknown>): string | undefined => {
  const file = context.propertyFile ?? context.property;
  return typeof file === 'string' && file !== '' ? file : undefined;
};

/**
 * GetBuildPropertiesTask: reads the build's `propertyFile` through igor and puts each key, plus
 * `propertyFileContents`, in the stage context and outputs, so `${myProp}` and
 * `${#stage('Build')['context']['myProp']}` work downstream. A missing or empty file fails the
 * stage with Spinnaker's message (after a short grace for Jenkins to archive it).
 */
export const getBuildPropertiesTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.igor.tasks.GetBuildPropertiesTask',
  backoffMs: 2_000,
  timeoutMs: 5 * 60 * 1000,
  async run(input, services) {
    const { stage } = input;
    const file = propertyFileOf(stage.context);
    if (!file) return succeeded();
    const target = jenkinsJob(stage);
    const n = buildNumberOf(stage);
    if (!target || n === undefined) return terminal(missingJob, {}, input.now);
    const properties = await services.igor.properties(target.master, target.job, n, file);
    if (Object.keys(properties).length === 0) {
      if (input.now - (input.task.startTime ?? input.now) < ARCHIVE_GRACE_MS) return running();
      return terminal(
        `Expected properties file ${file} but it was either missing, empty or contained invalid syntax`,
        {},
        input.now,
      );
    }
    const data = { ...properties, propertyFileContents: properties };
    return succeeded({ context: data, outputs: data });
  },
});
