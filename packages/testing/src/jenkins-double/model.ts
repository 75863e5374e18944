/** Jenkins result values (hudson.model.Result). */
export type JenkinsResult = 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'NOT_BUILT' | 'ABORTED';

/** A job parameter definition (StringParameterDefinition, BooleanParameterDefinition, Choice…). */
export interface ParameterDefinition {
  name: string;
  type?: 'StringParameterDefinition' | 'BooleanParameterDefinition' | 'ChoiceParameterDefinition';
  defaultValue?: string | boolean;
  description?: string;
  choices?: string[];
}

/** One build as the double keeps it. */
export interface DoubleBuild {
  number: number;
  building: boolean;
  result: JenkinsResult | null;
  timestamp: number;
  duration: number;
  queueId: number;
  parameters: Record<string, string>;
  artifacts: Map<string, string>;
  console: string;
  description: string | null;
}

/** One job (a leaf, not a folder), addressed by its full name `folder/sub/app`. */
export interface DoubleJob {
  fullName: string;
  buildable: boolean;
  parameters: ParameterDefinition[];
  builds: DoubleBuild[];
  nextBuildNumber: number;
}

/** A queue item: pending until started, then `executable` names its build. */
export interface DoubleQueueItem {
  id: number;
  job: string;
  parameters: Record<string, string>;
  inQueueSince: number;
  build?: number;
  cancelled: boolean;
}

/** `folder/sub/app` → `/job/folder/job/sub/job/app/` */
export const jobPath = (fullName: string): string =>
  `/${fullName
    .split('/')
    .map((part) => `job/${encodeURIComponent(part)}`)
    .join('/')}/`;

/** The JSON API form of a build (`/job/x/N/api/json`), in Jenkins' field names. */
export function renderBuild(baseUrl: string, job: DoubleJob, build: DoubleBuild): Record<string, unknown> {
  const shortName = job.fullName.split('/').at(-1)!;
  const parameterAction = Object.keys(build.parameters).length
    ? [
        {
          _class: 'hudson.model.ParametersAction',
          parameters: Object.entries(build.parameters).map(([name, value]) => ({
            _class: 'hudson.model.StringParameterValue',
            name,
            value,
          })),
        },
      ]
    : [];
  return {
    _class: 'hudson.model.FreeStyleBuild',
    actions: [
      ...parameterAction,
      {
        _class: 'hudson.model.CauseAction',
        causes: [{ shortDescription: 'Started by user spinnaker', userId: 'spinnaker' }],
      },
    ],
    artifacts: [...build.artifacts.keys()].map((relativePath) => ({
      displayPath: relativePath.split('/').at(-1),
      fileName: relativePath.split('/').at(-1),
      relativePath,
    })),
    building: build.building,
    description: build.description,
    displayName: `#${build.number}`,
    duration: build.duration,
    estimatedDuration: 60_000,
    fullDisplayName: `${job.fullName.split('/').join(' » ')} #${build.number}`,
    id: String(build.number),
    keepLog: false,
    number: build.number,
    queueId: build.queueId,
    result: build.result,
    timestamp: build.timestamp,
    url: `${baseUrl}${jobPath(job.fullName)}${build.number}/`,
    builtOn: '',
    changeSet: { items: [], kind: null },
    displayNameOrNull: null,
    name: shortName,
  };
}
