import { mapLimit } from '@genoa/shared';
import type { RedisBuildStore } from '../adapters/build-store.js';
import type { JenkinsClient } from '../adapters/jenkins-client.js';
import { isComplete, type JenkinsBuild } from '../domain/build.js';
import { flattenJobs } from '../domain/jobs.js';
import type { BuildAnnouncer } from './build-announcer.js';
import { defineMonitor } from './define-monitor.js';

/** One job's change since its cursor. */
export interface JobDelta {
  job: string;
  /** The cursor to store once nothing in the window is running. */
  lastBuildStamp: number;
  /** First sight of the job: store the cursor, send nothing (old builds are not announced). */
  baseline: boolean;
  completed: JenkinsBuild[];
  running: boolean;
}

/** What the Jenkins build monitor needs. */
export interface JenkinsBuildMonitorDeps {
  clients: ReadonlyMap<string, JenkinsClient>;
  store: RedisBuildStore;
  announcer: BuildAnnouncer;
  concurrency: number;
  defaultThreshold: number;
}

const stampOf = (build: JenkinsBuild | undefined): number | undefined =>
  build?.timestamp === undefined ? undefined : Number(build.timestamp);

/** Igor's JenkinsBuildMonitor: announces each completed build of every job of every master once. */
export const jenkinsBuildMonitor = (deps: JenkinsBuildMonitorDeps) =>
  defineMonitor<JobDelta>({
    name: 'jenkinsBuildMonitor',
    partitions: () => [...deps.clients.keys()],
    threshold: (master) => deps.clients.get(master)?.master.itemUpperThreshold ?? deps.defaultThreshold,
    eventCount: (delta) => delta.reduce((sum, d) => sum + d.completed.length, 0),

    async generateDelta(master) {
      const client = deps.clients.get(master)!;
      const [nodes, cursors] = await Promise.all([client.jobsWithLastBuild(), deps.store.cursors(master)]);
      const candidates = flattenJobs(nodes).flatMap(({ name, node }) => {
        const last = (node.lastBuild ?? undefined) as JenkinsBuild | undefined;
        const cursor = cursors.get(name);
        // A job never built gets cursor 0 at baseline, so its first build is announced.
        const stamp = last ? stampOf(last) : cursor === undefined ? 0 : undefined;
        if (stamp === undefined || cursor === stamp) return [];
        return [{ job: name, last, stamp, cursor }];
      });
      const deltas = await mapLimit(candidates, deps.concurrency, async ({ job, last, stamp, cursor }) => {
        if (cursor === undefined) {
          // A build running at baseline is still announced when it completes: keep it in the window.
          const base = last?.building ? stamp - 1 : stamp;
          return { job, lastBuildStamp: base, baseline: true, completed: [], running: false };
        }
        const window = (await client.builds(job)).filter((b) => {
          const ts = stampOf(b)!;
          return ts > cursor && ts <= stamp;
        });
        const completed = window.filter(isComplete).sort((a, b) => a.number - b.number);
        const running = window.some((b) => !isComplete(b));
        return { job, lastBuildStamp: stamp, baseline: false, completed, running };
      });
      return deltas;
    },

    async commitDelta(master, delta, { sendEvents }) {
      let eventsSent = 0;
      let cursorsMoved = 0;
      await mapLimit(delta, deps.concurrency, async (d) => {
        for (const build of d.completed) {
          // Await first, then count: `n += await …` reads `n` before the await and loses updates.
          if (sendEvents) {
            const sent = await deps.announcer.announce(master, d.job, build);
            if (sent) eventsSent += 1;
          } else await deps.store.markPosted(master, d.job, build.number);
        }
        // While a build in the window runs, keep the cursor so the window is scanned again.
        if (!d.running || !sendEvents) {
          await deps.store.setCursor(master, d.job, d.lastBuildStamp);
          cursorsMoved += 1;
        }
      });
      return { eventsSent, cursorsMoved };
    },
  });
