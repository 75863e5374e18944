/**
 * igor's build monitor against 20 Jenkins doubles × 500 jobs (one folder level): the time and the
 * Jenkins requests of a full poll cycle — baseline (first sight), steady (nothing changed) and with
 * 10 % of the jobs having a new completed build. igor runs as its own process; cycles are driven
 * through `POST /admin/pollers/fastforward/jenkinsBuildMonitor` (a full generateDelta + commit).
 * Run: `npm run bench -- igor`.
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
import { report, sized } from './report.js';

const MASTERS = sized(20, 3, 'BENCH_MASTERS');
const JOBS = sized(500, 50, 'BENCH_JOBS');
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
  const cycle = async (label: string) => {
    const before = doubles.reduce((n, d) => n + d.requests.length, 0);
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/admin/pollers/fastforward/jenkinsBuildMonitor`, {
      method: 'POST',
    });
    const outcomes = (await res.json()) as { status: string }[];
    const ms = performance.now() - started;
    const requests = doubles.reduce((n, d) => n + d.requests.length, 0) - before;
    const committed = outcomes.filter((o) => o.status === 'committed').length;
    report([
      {
        metric: `igor ${label} (${MASTERS} masters × ${JOBS} jobs)`,
        value: ms,
        unit: 'ms',
        target: { op: '<', value: 10_000 },
      },
      { metric: `igor ${label}: Jenkins requests`, value: requests, unit: 'count' },
    ]);
    process.stdout.write(
      `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${String(requests).padStart(6)} Jenkins requests  ${committed}/${MASTERS} masters committed\n`,
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
  await cycle('cycle with 10 % new builds');
  await cycle('steady cycle again');
} finally {
  await igor.stop();
  await Promise.all(doubles.map((d) => d.stop()));
  await redis.stop();
}
