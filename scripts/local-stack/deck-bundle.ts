import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when deck's built bundle is missing or older than its sources. */
export function deckBundleIsStale(deckDir: string): boolean {
  const index = join(deckDir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(deckDir, 'src'), join(deckDir, 'index.html'), join(deckDir, 'vite.config.ts')];
  return sources.some(
    (p) => existsSync(p) && (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built,
  );
}

/** Builds deck's SPA with Vite (`vite build`); rejects with Vite's output when it fails. */
export function buildDeckBundle(deckDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(deckDir, 'node_modules', '.bin', 'vite');
    const child = spawn(vite, ['build', '--logLevel', 'warn'], {
      cwd: deckDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed:\n${output}`)),
    );
  });
}
