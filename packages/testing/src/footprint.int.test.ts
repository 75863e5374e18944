import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('names a service run from its local-stack bundle (<state>/bundles/<name>.mjs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genoa-footprint-'));
    mkdirSync(join(dir, 'bundles'));
    writeFileSync(join(dir, 'bundles', 'igor.mjs'), 'setInterval(() => {}, 1000);\n');
    const child = spawn(process.execPath, [join(dir, 'bundles', 'igor.mjs')], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      expect(stackPartOf(child.pid!)).toBe('igor');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
