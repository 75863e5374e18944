import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '@genoa/testing';

const fixture = fileURLToPath(new URL('./__fixtures__/slow-service.ts', import.meta.url));

describe('runService graceful shutdown', () => {
  it('drains an in-flight request on SIGTERM, refuses new ones, and exits 0 within 5 s', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, PORT: String(port), SLOW_MS: '1500', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitForPort(port, '127.0.0.1', 15_000);
      const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      const late = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.status)
        .catch(() => 'refused');
      expect(await inFlight).toEqual({ status: 200, body: { done: true } });
      const code = await exited;
      if (code !== 0) console.log(output);
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
      expect([503, 'refused']).toContain(late);
      expect(output).toContain('"msg":"shutdown complete"');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits at startup listing every invalid variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'chatty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(78);
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('LOG_LEVEL:');
  });
});
