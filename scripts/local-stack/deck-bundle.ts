import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Written next to a bundle {@link buildDeckBundle} built, so a bundle built any other way is rebuilt once. */
const productionMarker = '.genoa-production-build';

/** True when deck's built bundle is missing, was not built by {@link buildDeckBundle}, or is older than its sources. */
export function deckBundleIsStale(deckDir: string): boolean {
  const index = join(deckDir, 'dist', 'index.html');
  if (!existsSync(index) || !existsSync(join(deckDir, 'dist', productionMarker))) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(deckDir, 'src'), join(deckDir, 'index.html'), join(deckDir, 'vite.config.ts')];
  return sources.some(
    (p) => existsSync(p) && (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built,
  );
}

/**
 * Builds deck's SPA with Vite (`vite build`) for production whatever the caller's `NODE_ENV` (a
 * stack started from vitest has `NODE_ENV=test`, which would ship React's development build);
 * rejects with Vite's output when it fails.
 */
export function buildDeckBundle(deckDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(deckDir, 'node_modules', '.bin', 'vite');
    const child = spawn(vite, ['build', '--logLevel', 'warn'], {
      cwd: deckDir,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`vite build failed:\n${output}`));
      writeFileSync(join(deckDir, 'dist', productionMarker), '');
      resolve();
    });
  });
}
