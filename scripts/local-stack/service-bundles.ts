/**
 * The local stack runs each service from an esbuild bundle, as the production image does
 * (`scripts/build-service.mjs`, same options), built into `<state>/bundles/` when it starts. A
 * bundle is one pre-transpiled file: no TypeScript loader in the process and no per-module
 * transpile cache, so a service idles on less memory and starts sooner than under `tsx`.
 * GENOA_DEV=1 runs the sources with `tsx` instead (nothing is built).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ServiceName } from '@genoa/shared';

/** The file a service's bundle is written to. */
export const bundleOf = (bundleDir: string, name: ServiceName) => join(bundleDir, `${name}.mjs`);

/** Bundles `names` into `bundleDir` (bundle-services.mjs); rejects with esbuild's output on failure. */
export function buildServiceBundles(names: readonly ServiceName[], bundleDir: string): Promise<void> {
  const script = join(import.meta.dirname, 'bundle-services.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, bundleDir, ...names], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bundling the services failed:\n${output}`)),
    );
  });
}
