import { jobPath, renderBuild, type DoubleBuild, type DoubleJob } from './model.js';

/** Jenkins caps a job's `builds` list at 100 entries in the JSON API. */
const BUILD_LIST_CAP = 100;

const color = (job: DoubleJob): string => {
  const last = job.builds.at(-1);
  if (!job.buildable) return 'disabled';
  if (!last) return 'notbuilt';
  const base =
    last.result === null
      ? 'blue'
      : last.result === 'SUCCESS'
        ? 'blue'
        : last.result === 'UNSTABLE'
          ? 'yellow'
          : 'red';
  return last.building ? `${base}_anime` : base;
};

const latest = (job: DoubleJob, pick: (b: DoubleBuild) => boolean) => {
  for (let i = job.builds.length - 1; i >= 0; i -= 1) if (pick(job.builds[i]!)) return job.builds[i];
  return undefined;
};

/** The JSON API form of a job (`/job/x/api/json`), with its build references rendered in full. */
export function renderJob(baseUrl: string, job: DoubleJob): Record<string, unknown> {
  const build = (b: DoubleBuild | undefined) => (b ? renderBuild(baseUrl, job, b) : null);
  return {
    _class: 'hudson.model.FreeStyleProject',
    actions: job.parameters.length
      ? [
          {
            _class: 'hudson.model.ParametersDefinitionProperty',
            parameterDefinitions: job.parameters.map((p) => ({
              _class: `hudson.model.${p.type ?? 'StringParameterDefinition'}`,
              defaultParameterValue: { name: p.name, value: p.defaultValue ?? '' },
              description: p.description ?? '',
              name: p.name,
              type: p.type ?? 'StringParameterDefinition',
              ...(p.choices ? { choices: p.choices } : {}),
            })),
          },
        ]
      : [],
    description: '',
    displayName: job.fullName.split('/').at(-1),
    fullDisplayName: job.fullName.split('/').join(' » '),
    fullName: job.fullName,
    name: job.fullName.split('/').at(-1),
    url: `${baseUrl}${jobPath(job.fullName)}`,
    buildable: job.buildable,
    concurrentBuild: false,
    builds: job.builds
      .slice(-BUILD_LIST_CAP)
      .reverse()
      .map((b) => renderBuild(baseUrl, job, b)),
    color: color(job),
    firstBuild: build(job.builds[0]),
    lastBuild: build(job.builds.at(-1)),
    lastCompletedBuild: build(latest(job, (b) => !b.building)),
    lastSuccessfulBuild: build(latest(job, (b) => b.result === 'SUCCESS')),
    lastFailedBuild: build(latest(job, (b) => b.result === 'FAILURE')),
    nextBuildNumber: job.nextBuildNumber,
    inQueue: false,
    queueItem: null,
    property: [],
    downstreamProjects: [],
    upstreamProjects: [],
  };
}

/** The items directly under `prefix` ('' = root): jobs rendered in full, folders with their jobs. */
export function renderFolderItems(
  baseUrl: string,
  jobs: Map<string, DoubleJob>,
  prefix: string,
): Record<string, unknown>[] {
  const depthPrefix = prefix ? `${prefix}/` : '';
  const children = new Map<string, DoubleJob | null>();
  for (const job of jobs.values()) {
    if (!job.fullName.startsWith(depthPrefix)) continue;
    const [head, ...rest] = job.fullName.slice(depthPrefix.length).split('/');
    if (rest.length === 0) children.set(head!, job);
    else if (!children.has(head!)) children.set(head!, null);
  }
  return [...children].map(([name, job]) => {
    if (job) return renderJob(baseUrl, job);
    const fullName = depthPrefix + name;
    return {
      _class: 'com.cloudbees.hudson.plugins.folder.Folder',
      name,
      fullName,
      url: `${baseUrl}${jobPath(fullName)}`,
      jobs: renderFolderItems(baseUrl, jobs, fullName),
    };
  });
}
