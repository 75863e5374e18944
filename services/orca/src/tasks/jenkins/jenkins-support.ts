import type { StageExecution } from '@genoa/shared';
import type { TaskInput } from '../define-task.js';

/** Where a jenkins stage's build runs: `master` and `job` (folder jobs as `a/job/b`). */
export interface JenkinsJob {
  master: string;
  job: string;
}

/** The stage's master and job, or undefined when either is missing. */
export function jenkinsJob(stage: StageExecution): JenkinsJob | undefined {
  const { master, job } = stage.context;
  return typeof master === 'string' && master !== '' && typeof job === 'string' && job !== ''
    ? { master, job }
    : undefined;
}

/** The message of a stage without master or job. */
export const missingJob = 'The jenkins stage needs a master and a job';

/** `false` or `"false"` (Deck stores some booleans as strings). */
export const isFalse = (v: unknown): boolean => v === false || v === 'false';

/** `true` or `"true"`. */
export const isTrue = (v: unknown): boolean => v === true || v === 'true';

/**
 * Job parameters as Jenkins takes them (query strings): lists joined with commas, maps as JSON,
 * null and undefined left out.
 */
export function jenkinsParameters(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = Array.isArray(v)
      ? v.map(String).join(',')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
  }
  return out;
}

/** The build number recorded by waitForJenkinsJobStart, if any. */
export function buildNumberOf(stage: StageExecution): number | undefined {
  const n = Number(stage.context.buildNumber);
  return stage.context.buildNumber != null && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Back-off of the Jenkins monitors: 1 s during the task's first minute (most builds queue and
 * finish promptly), then Spinnaker's 10 s.
 */
export function pollBackoff(input: TaskInput): number {
  const started = input.task.startTime ?? input.now;
  return input.now - started < 60_000 ? 1_000 : 10_000;
}
