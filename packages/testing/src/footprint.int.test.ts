import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendants, rssMb, stackPartOf } from './footprint.js';
import { freePort, waitForPort } from './ports.js';

describe('process footprint from /proc', () => {
  it('reads resident memory, finds descendants, and names stack processes by command line', async () => {
    expect(rssMb(process.pid)).toBeGreaterThan(10);
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--save', ''], { stdio: 'ignore' });
    try {
      await waitForPort(port);
      expect(descendants(process.pid)).toContain(child.pid);
      expect(stackPartOf(child.pid!)).toBe('redis');
      expect(stackPartOf(process.pid)).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => child.once('exit', r));
    expect(rssMb(child.pid!)).toBeUndefined();
  });
});
