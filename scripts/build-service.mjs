#!/usr/bin/env node
// `pnpm --filter @genoa/<service> build`: bundles the service's entry (src/main.ts, or
// server/main.ts for deck) with everything it imports into one dist/main.js (esbuild), so the
// production image needs Node and that file only — no node_modules, no dev dependency can ship.
// Packages that cannot be bundled are listed in UNBUNDLED and must then be installed beside it.
// Run from the service's directory. The local stack builds its bundles with the same options
// (`serviceBundleOptions`, imported from here).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Optional native or test-only modules some dependencies probe for; never needed at run time. */
const UNBUNDLED = ['testcontainers', 'cpu-features', 'ssh2', 'pino-pretty', 'bufferutil', 'utf-8-validate'];

/** esbuild options of a service bundle (everything but the entry points and the output). */
export const serviceBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: UNBUNDLED,
  minifySyntax: true,
  banner: {
    js: "import { createRequire as __genoaCreateRequire } from 'node:module'; const require = __genoaCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/** The entry of the service in `dir`: src/main.ts, or server/main.ts for deck. */
export function serviceEntry(dir) {
  return ['src/main.ts', 'server/main.ts'].map((p) => join(dir, p)).find((p) => existsSync(p));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.cwd();
  const outIndex = process.argv.indexOf('--out');
  const outfile = resolve(dir, outIndex > 0 ? process.argv[outIndex + 1] : join('dist', 'main.js'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry = serviceEntry(dir);
  if (!entry) {
    process.stderr.write(`build-service: no src/main.ts or server/main.ts in ${dir}\n`);
    process.exit(1);
  }
  await build({ ...serviceBundleOptions, entryPoints: [entry], outfile });
  process.stdout.write(`built ${pkg.name} → ${relative(dir, outfile)}\n`);
}
