// `node bundle-services.mjs <bundleDir> <service>…`: esbuild bundles of the named services, with
// the production options (scripts/build-service.mjs), as <bundleDir>/<service>.mjs. Run as its own
// process by service-bundles.ts so esbuild's worker and its output buffers leave with it instead of
// idling in the launcher. Files are built into a private folder and renamed into place, so a stack
// starting meanwhile from the same state dir never runs half a file.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serviceBundleOptions, serviceEntry } from '../build-service.mjs';

const [bundleDir, ...names] = process.argv.slice(2);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(bundleDir, `.building-${process.pid}`);
mkdirSync(scratch, { recursive: true });
try {
  const entryPoints = names.map((name) => {
    const entry = serviceEntry(join(repoRoot, 'services', name));
    if (!entry) throw new Error(`no entry file for ${name}`);
    return { in: entry, out: name };
  });
  await build({ ...serviceBundleOptions, entryPoints, outdir: scratch, outExtension: { '.js': '.mjs' } });
  for (const file of readdirSync(scratch)) renameSync(join(scratch, file), join(bundleDir, file));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
