/**
 * igor's build monitor against 20 Jenkins doubles × 500 jobs (one folder level): the time and the
 * Jenkins requests of a full poll cycle — baseline (first sight), steady (nothing changed) and with
 * 10 % of the jobs having a new completed build. igor runs as its own process; cycles are driven
 * through `POST /admin/pollers/poll/jenkinsBuildMonitor` (a full cycle: generateDelta, then commit
 * with the build events enqueued on `echo-events`), all masters at once as a scheduled tick does.
 * Run: `npm run bench -- igor` (`BENCH_MASTERS`, `BENCH_JOBS`). Rows: each cycle's time (target a full
 * cycle < 10 s at 20 × 500, issue #9) and Jenkins requests per cycle next to the number of jobs watched.
 */
import { fileURLToPath } from 'node:url';
import {
  freePort,
  spawnManaged,
  startJenkinsDouble,
  startRedis,
  waitForHealthy,
  type JenkinsDouble,
} from '@genoa/testing';
import { report, sized, type BenchRow } from './report.js';

const MASTERS = sized(20, 4, 'BENCH_MASTERS');
const JOBS = sized(500, 100, 'BENCH_JOBS');
const root = fileURLToPath(new URL('..', import.meta.url));

const redis = await startRedis({ ignoreEnv: true });
const doubles: JenkinsDouble[] = [];
for (let m = 0; m < MASTERS; m += 1) {
  const jenkins = await startJenkinsDouble({ username: 'bench', apiToken: 'token' });
  for (let j = 0; j < JOBS; j += 1) {
    const name = j % 5 === 0 ? `team-${j % 20}/job-${j}` : `job-${j}`;
    jenkins.addJob(name);
    jenkins.completeBuild(name, jenkins.startBuild(name), 'SUCCESS');
  }
  doubles.push(jenkins);
}
const port = await freePort();
const igor = spawnManaged(process.execPath, ['--import', 'tsx', 'services/igor/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
    IGOR_POLLING_ENABLED: 'false',
    IGOR_POLL_INTERVAL_SECONDS: '600',
    IGOR_ITEM_UPPER_THRESHOLD: String(JOBS * 2),
    IGOR_JENKINS_MASTERS: JSON.stringify(
      doubles.map((d, i) => ({ name: `jenkins${i}`, address: d.url, username: 'bench', apiToken: 'token' })),
    ),
  },
});
try {
  await waitForHealthy(`http://127.0.0.1:${port}/health`, igor);
  const rows: BenchRow[] = [];
  const size = `${MASTERS} masters × ${JOBS} jobs`;
  const cycle = async (label: string, expectedEvents = 0, row = true) => {
    const before = doubles.reduce((n, d) => n + d.requests.length, 0);
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/admin/pollers/poll/jenkinsBuildMonitor`, {
      method: 'POST',
    });
    const outcomes = (await res.json()) as { status: string; eventsSent: number }[];
    const ms = performance.now() - started;
    const requests = doubles.reduce((n, d) => n + d.requests.length, 0) - before;
    const committed = outcomes.filter((o) => o.status === 'committed').length;
    const events = outcomes.reduce((n, o) => n + o.eventsSent, 0);
    if (events !== expectedEvents)
      throw new Error(`${label}: ${events} build events, expected ${expectedEvents}`);
    process.stdout.write(
      `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${String(requests).padStart(6)} Jenkins requests  ` +
        `${String(events).padStart(5)} build events  ${committed}/${MASTERS} masters committed (target < 10000 ms)\n`,
    );
    const jobs = { label: 'jobs watched', value: MASTERS * JOBS };
    if (row)
      rows.push(
        { metric: `igor ${label}, ${size}`, value: ms / 1000, unit: 's', target: { op: '<', value: 10 } },
        {
          metric: `igor Jenkins requests per ${label}, ${size}`,
          value: requests,
          unit: 'count',
          comparison: jobs,
        },
      );
  };
  process.stdout.write(`igor polling: ${MASTERS} masters × ${JOBS} jobs (${MASTERS * JOBS} jobs)\n`);
  await cycle('baseline cycle (first sight)');
  await cycle('steady cycle (no change)');
  for (const d of doubles)
    for (let j = 0; j < JOBS; j += 10) {
      const name = j % 5 === 0 ? `team-${j % 20}/job-${j}` : `job-${j}`;
      d.completeBuild(name, d.startBuild(name), 'SUCCESS');
    }
  await cycle('cycle with 10 % new builds', MASTERS * Math.ceil(JOBS / 10));
  await cycle('steady cycle again', 0, false);
  report(rows);
} finally {
  await igor.stop();
  await Promise.all(doubles.map((d) => d.stop()));
  await redis.stop();
}
