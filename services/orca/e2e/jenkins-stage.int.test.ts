import { createServer, request as httpRequest, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isComplete, type PipelineExecution } from '@genoa/shared';
import {
  freePort,
  spawnManaged,
  startJenkinsDouble,
  startRedis,
  waitForHealthy,
  type JenkinsDouble,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from '../src/__tests__/front50-stand-in.js';
import { startOrcaProcess, type OrcaProcess } from '../src/__tests__/worker-process.js';

// Given Jenkins (the test double), igor and orca as real processes on a real Redis,
// when a pipeline with a `jenkins` stage runs, then the build is started, followed and reported.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
const orcaEnv = {
  ORCA_EXECUTION_LOCK_TTL_MS: '3000',
  ORCA_QUEUE_LOCK_DURATION_MS: '3000',
  ORCA_QUEUE_STALLED_INTERVAL_MS: '1000',
};

/**
 * A pass-through proxy between igor and Jenkins that can hold the answer to a build request, so a
 * test can kill orca while igor is queueing the build.
 */
interface HoldingProxy {
  url: string;
  hold: boolean;
  /** Build requests whose answer is held. */
  readonly held: (() => void)[];
  close(): Promise<void>;
}

async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const port = await freePort();
  const proxy: HoldingProxy = {
    url: `http://127.0.0.1:${port}`,
    hold: false,
    held: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(
      `${target}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const reply = () =>
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          if (proxy.hold && req.method === 'POST' && /\/(build|buildWithParameters)\b/.test(req.url ?? ''))
            proxy.held.push(reply);
          else reply();
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return proxy;
}

let redis: RedisHandle;
let jenkins: JenkinsDouble;
let proxy: HoldingProxy;
let front50: Front50StandIn;
let igor: ManagedProcess;
let igorUrl: string;
let orca: OrcaProcess;

beforeAll(async () => {
  redis = await startRedis({ ignoreEnv: true });
  jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok', csrf: true });
  proxy = await startHoldingProxy(jenkins.url);
  front50 = await startFront50StandIn();
  const igorPort = await freePort();
  igorUrl = `http://127.0.0.1:${igorPort}`;
  igor = spawnManaged(process.execPath, ['--import', 'tsx', 'services/igor/src/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(igorPort),
      LOG_LEVEL: 'warn',
      REDIS_URL: redis.url,
      IGOR_POLLING_ENABLED: 'false',
      IGOR_JENKINS_MASTERS: JSON.stringify([
        { name: 'ci', address: proxy.url, username: 'spinnaker', apiToken: 'tok', csrf: true },
      ]),
    },
  });
  await waitForHealthy(`${igorUrl}/health`, igor);
  orca = await startOrcaProcess(redis.url, front50.url, { ...orcaEnv, IGOR_URL: igorUrl });
}, 90_000);

afterAll(async () => {
  await orca?.stop();
  await igor?.stop();
  await proxy?.close();
  await jenkins?.stop();
  await front50?.close();
  await redis?.stop();
});

const orcaUrl = () => `http://127.0.0.1:${orca.port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function orchestrate(stages: Record<string, unknown>[]): Promise<string> {
  const res = await fetch(`${orcaUrl()}/orchestrate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ application: 'ci', name: 'build and use', stages }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ref: string }).ref.split('/')[2]!;
}

const execution = async (id: string): Promise<PipelineExecution> =>
  (await fetch(`${orcaUrl()}/pipelines/${id}`)).json() as Promise<PipelineExecution>;

async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const finished = (id: string) =>
  until(
    () => execution(id),
    (e) => isComplete(e.status),
    `execution ${id} to end`,
  );
const stage = (e: PipelineExecution, name: string) => e.stages.find((s) => s.name === name)!;
const buildRequests = (job: string) =>
  jenkins.requests.filter((r) => r.method === 'POST' && r.url.startsWith(`/job/${job}/buildWithParameters`));
/** Waits until Jenkins has build `n` of `job` running. */
const running = (job: string, n = 1) =>
  until(
    () => (buildRequests(job).length > 0 ? (jenkins.build(job, n).building as boolean) : false),
    Boolean,
    `${job} #${n} to run`,
  );

const jenkinsStage = (job: string, extra: Record<string, unknown> = {}) => ({
  refId: '1',
  type: 'jenkins',
  name: 'Build',
  master: 'ci',
  job,
  parameters: { BRANCH: 'main' },
  ...extra,
});

describe('jenkins stage against igor and the Jenkins double', () => {
  it('starts the job with parameters, reports buildInfo, and hands property-file values to later stages', async () => {
    jenkins.addJob('app', { parameters: [{ name: 'BRANCH', defaultValue: 'dev' }] });
    const id = await orchestrate([
      jenkinsStage('app', { propertyFile: 'build.properties' }),
      {
        refId: '2',
        requisiteStageRefIds: ['1'],
        type: 'evaluateVariables',
        name: 'Use',
        variables: [
          { key: 'fromStage', value: "${#stage('Build')['context']['version']}" },
          { key: 'fromOutputs', value: '${version}-${buildInfo.number}' },
        ],
      },
    ]);
    await running('app');
    jenkins.addArtifact('app', 1, 'build.properties', 'version=3.1.0\nimage=shop:3.1.0\n');
    jenkins.completeBuild('app', 1, 'SUCCESS');
    const e = await finished(id);
    expect(e.status).toBe('SUCCEEDED');
    const build = stage(e, 'Build');
    expect(build.tasks?.map((t) => t.name)).toEqual([
      'startJenkinsJob',
      'waitForJenkinsJobStart',
      'monitorJenkinsJob',
      'getBuildProperties',
    ]);
    expect(build.context).toMatchObject({
      queuedBuild: expect.any(String),
      buildNumber: 1,
      version: '3.1.0',
    });
    expect(build.outputs).toMatchObject({
      buildInfo: {
        number: 1,
        result: 'SUCCESS',
        building: false,
        name: 'app',
        url: `${jenkins.url}/job/app/1/`,
        artifacts: [{ fileName: 'build.properties', relativePath: 'build.properties' }],
      },
      version: '3.1.0',
      image: 'shop:3.1.0',
      propertyFileContents: { version: '3.1.0', image: 'shop:3.1.0' },
    });
    expect(stage(e, 'Use').outputs).toMatchObject({ fromStage: '3.1.0', fromOutputs: '3.1.0-1' });
    expect(buildRequests('app')).toHaveLength(1);
    expect(buildRequests('app')[0]!.url).toContain('BRANCH=main');
  });

  it('a FAILURE build fails the stage and the pipeline; downstream stages do not run', async () => {
    jenkins.addJob('broken', { parameters: [{ name: 'BRANCH' }] });
    const id = await orchestrate([
      jenkinsStage('broken'),
      { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', name: 'After', waitTime: 0 },
    ]);
    await running('broken');
    jenkins.completeBuild('broken', 1, 'FAILURE');
    const e = await finished(id);
    expect(e.status).toBe('TERMINAL');
    expect(stage(e, 'Build').status).toBe('TERMINAL');
    expect(stage(e, 'Build').context.buildInfo).toMatchObject({ result: 'FAILURE', number: 1 });
    expect(stage(e, 'Build').context.exception).toMatchObject({
      details: { error: 'Jenkins job broken #1 ended FAILURE' },
    });
    expect(stage(e, 'After').status).toBe('NOT_STARTED');
  });

  it('UNSTABLE fails the stage, unless markUnstableAsSuccessful', async () => {
    jenkins.addJob('flaky', { parameters: [{ name: 'BRANCH' }] });
    const strict = await orchestrate([jenkinsStage('flaky')]);
    await running('flaky', 1);
    const lenient = await orchestrate([jenkinsStage('flaky', { markUnstableAsSuccessful: true })]);
    await until(
      () => buildRequests('flaky').length,
      (n) => n === 2,
      'second flaky build',
    );
    await running('flaky', 2);
    jenkins.completeBuild('flaky', 1, 'UNSTABLE');
    jenkins.completeBuild('flaky', 2, 'UNSTABLE');
    const [a, b] = await Promise.all([finished(strict), finished(lenient)]);
    // Which execution got which build number depends on the queue; both builds ended UNSTABLE.
    expect(a.status).toBe('TERMINAL');
    expect(stage(a, 'Build').outputs?.buildInfo).toMatchObject({ result: 'UNSTABLE' });
    expect(b.status).toBe('SUCCEEDED');
    expect(stage(b, 'Build').outputs?.buildInfo).toMatchObject({ result: 'UNSTABLE' });
  });

  it('waitForCompletion false: the stage ends once the build has started', async () => {
    jenkins.addJob('fire', { parameters: [{ name: 'BRANCH' }] });
    const id = await orchestrate([jenkinsStage('fire', { waitForCompletion: false })]);
    const e = await finished(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(stage(e, 'Build').tasks?.map((t) => t.name)).toEqual([
      'startJenkinsJob',
      'waitForJenkinsJobStart',
    ]);
    expect(stage(e, 'Build').context.buildNumber).toBe(1);
    expect(jenkins.build('fire', 1).building).toBe(true);
    jenkins.completeBuild('fire', 1, 'SUCCESS');
  });

  it('cancelling the execution stops the running Jenkins build', async () => {
    jenkins.addJob('long', { parameters: [{ name: 'BRANCH' }] });
    const id = await orchestrate([jenkinsStage('long')]);
    await running('long');
    await until(
      () => execution(id),
      (e) => stage(e, 'Build').context.buildNumber === 1,
      'buildNumber',
    );
    const res = await fetch(`${orcaUrl()}/pipelines/${id}/cancel?reason=enough`, { method: 'PUT' });
    expect(res.status).toBeLessThan(300);
    const e = await finished(id);
    expect(e.status).toBe('CANCELED');
    await until(
      () => jenkins.build('long', 1).result,
      (r) => r === 'ABORTED',
      'the build to be stopped',
    );
    expect(jenkins.requests.filter((r) => r.method === 'POST' && r.url === '/job/long/1/stop')).toHaveLength(
      1,
    );
  });

  it('orca killed while igor queues the build: the retried start does not start a second build', async () => {
    jenkins.addJob('once', { parameters: [{ name: 'BRANCH' }] });
    proxy.hold = true;
    const id = await orchestrate([jenkinsStage('once', { propertyFile: 'out.json' })]);
    // igor has sent the build request to Jenkins; its answer (the queue item) is held.
    await until(
      () => proxy.held.length,
      (n) => n === 1,
      'the held build request',
    );
    orca.kill();
    await orca.proc.exited;
    proxy.hold = false;
    proxy.held.splice(0).forEach((reply) => reply());
    orca = await startOrcaProcess(redis.url, front50.url, { ...orcaEnv, IGOR_URL: igorUrl });
    await running('once');
    jenkins.addArtifact('once', 1, 'out.json', '{"sha":"abc123"}');
    jenkins.completeBuild('once', 1, 'SUCCESS');
    const e = await finished(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(stage(e, 'Build').outputs).toMatchObject({ buildInfo: { number: 1 }, sha: 'abc123' });
    expect(buildRequests('once')).toHaveLength(1);
    // The stage recorded the queue item of the one build, as igor remembered it for the retry.
    expect(stage(e, 'Build').context.queuedBuild).toBe(String(jenkins.build('once', 1).queueId));
  });
});
