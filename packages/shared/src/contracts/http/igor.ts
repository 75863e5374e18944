import { z } from 'zod';
import { open, opt } from '../../model/json.js';

/** igor's HTTP paths (edge.md §5.3); `{job}` may contain `/` (folder jobs are `a/job/b`). */
export const IgorPaths = {
  masters: '/masters',
  buildServices: '/buildServices',
  jobs: (master: string) => `/jobs/${encodeURIComponent(master)}`,
  job: (master: string, job: string) => `/jobs/${encodeURIComponent(master)}/${job}`,
  builds: (master: string, job: string) => `/builds/all/${encodeURIComponent(master)}/${job}`,
  buildStatus: (n: number, master: string, job: string) =>
    `/builds/status/${n}/${encodeURIComponent(master)}/${job}`,
  buildProperties: (n: number, fileName: string, master: string, job: string) =>
    `/builds/properties/${n}/${encodeURIComponent(fileName)}/${encodeURIComponent(master)}/${job}`,
  queuedBuild: (master: string, item: string | number) =>
    `/builds/queue/${encodeURIComponent(master)}/${item}`,
  triggerBuild: (master: string, job: string) => `/masters/${encodeURIComponent(master)}/jobs/${job}`,
  /** Push mode: a Jenkins Notification-plugin POST for `master` (igor re-reads and announces the build once). */
  jenkinsNotification: (master: string) => `/jenkins/notifications/${encodeURIComponent(master)}`,
  /** Stops a build, or cancels the queue item when `buildNumber` is 0; answers `true`. */
  stopBuild: (master: string, job: string, queuedBuild: string | number, buildNumber: number) =>
    `/masters/${encodeURIComponent(master)}/jobs/${job}/stop/${queuedBuild}/${buildNumber}`,
} as const;

/** An artifact archived by a CI build (`displayPath`, `fileName`, `relativePath`). */
export const BuildArtifactSchema = open({
  fileName: opt(z.string()),
  displayPath: opt(z.string()),
  relativePath: opt(z.string()),
});

/** Jenkins test-result action counts. */
export const TestResultsSchema = open({
  failCount: opt(z.number()),
  skipCount: opt(z.number()),
  totalCount: opt(z.number()),
  urlName: opt(z.string()),
});

/** Igor's GenericBuild (edge.md §5.4): `timestamp` is a string of epoch ms. */
export const GenericBuildSchema = open({
  building: z.boolean(),
  fullDisplayName: opt(z.string()),
  name: opt(z.string()),
  number: z.number().int(),
  duration: opt(z.number()),
  timestamp: opt(z.string()),
  result: opt(z.enum(['SUCCESS', 'UNSTABLE', 'BUILDING', 'ABORTED', 'FAILURE', 'NOT_BUILT'])),
  url: opt(z.string()),
  id: opt(z.string()),
  artifacts: opt(z.array(BuildArtifactSchema)),
  testResults: opt(z.array(TestResultsSchema)),
  properties: opt(z.record(z.string(), z.unknown())),
});
/** See {@link GenericBuildSchema}. */
export type GenericBuild = z.infer<typeof GenericBuildSchema>;

/** `GET /builds/queue/{master}/{item}`: `number` stays null until the build starts. */
export const QueuedJobSchema = open({
  executable: opt(open({ number: opt(z.number().int()), url: opt(z.string()) })),
  number: opt(z.number().int()),
});
/** See {@link QueuedJobSchema}. */
export type QueuedJob = z.infer<typeof QueuedJobSchema>;

/** The raw build inside a build event (`content.project.lastBuild`, edge.md §5.5). */
export const BuildEventBuildSchema = open({
  building: z.boolean(),
  number: z.number().int(),
  result: opt(z.string()),
  timestamp: opt(z.string()),
  duration: opt(z.number()),
  url: opt(z.string()),
  fullDisplayName: opt(z.string()),
  artifacts: opt(z.array(BuildArtifactSchema)),
  testResults: opt(z.array(TestResultsSchema)),
});

/** The `content` of a build event igor sends to echo (`details.type: build`, `source: igor`). */
export const BuildEventContentSchema = open({
  master: z.string(),
  project: open({ name: z.string(), lastBuild: opt(BuildEventBuildSchema) }),
});
/** See {@link BuildEventContentSchema}. */
export type BuildEventContent = z.infer<typeof BuildEventContentSchema>;
