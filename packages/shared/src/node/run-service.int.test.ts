import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, spawnManaged, waitForPort } from '@genoa/testing';

const fixture = fileURLToPath(new URL('./__fixtures__/slow-service.ts', import.meta.url));

describe('runService graceful shutdown', () => {
  it('drains an in-flight request on SIGTERM, refuses new ones, and exits 0 within 5 s', async () => {
    const port = await freePort();
    const service = spawnManaged(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, PORT: String(port), SLOW_MS: '1500', LOG_LEVEL: 'info' },
    });
    try {
      await waitForPort(port, '127.0.0.1', 15_000);
      const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      service.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      const late = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.status)
        .catch(() => 'refused');
      expect(await inFlight).toEqual({ status: 200, body: { done: true } });
      expect(await service.exited, service.output()).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
      expect([503, 'refused']).toContain(late);
      expect(service.output()).toContain('"msg":"shutdown complete"');
    } finally {
      await service.stop(0);
    }
  });

  it('exits at startup listing every invalid variable', async () => {
    const service = spawnManaged(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'chatty' },
    });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('PORT:');
    expect(service.output()).toContain('LOG_LEVEL:');
  });
});
