import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  spawnManaged,
  startS3,
  uniqueName,
  type ManagedProcess,
  type S3Handle,
} from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
let s3: S3Handle;
const procs: ManagedProcess[] = [];
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  for (const proc of procs) await proc.stop();
  await s3.stop();
});

async function startProcess(bucket: string): Promise<string> {
  const port = await freePort();
  const proc = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'services/front50/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        FRONT50_BUCKET: bucket,
      },
    },
  );
  procs.push(proc);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (proc.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`front50 did not start: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return url;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('two front50 processes on one bucket', () => {
  it('a pipeline saved through one process is listed by the other on the next read', async () => {
    const bucket = uniqueName('procs');
    const [a, b] = await Promise.all([startProcess(bucket), startProcess(bucket)]);
    for (let i = 0; i < 5; i++) {
      const saved = await post(`${a}/pipelines`, { application: 'web', name: `p${i}`, stages: [] });
      expect(saved.status).toBe(200);
      const { id } = (await saved.json()) as { id: string };
      const listed = (await (await fetch(`${b}/pipelines/web`)).json()) as { id: string }[];
      expect(listed.map((p) => p.id)).toContain(id);
      const [x, y] = i % 2 === 0 ? [a, b] : [b, a];
      const app = await post(`${x}/v2/applications`, { name: `web${i}`, email: 'w@x.io' });
      expect(app.status).toBe(200);
      expect((await fetch(`${y}/v2/applications/web${i}`)).status).toBe(200);
    }
  });
});
