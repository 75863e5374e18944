#!/usr/bin/env node
// `pnpm --filter @genoa/<service> build`: bundles the service's entry (src/main.ts, or
// server/main.ts for deck) with everything it imports into one dist/main.js (esbuild), so the
// production image needs Node and that file only — no node_modules, no dev dependency can ship.
// Packages that cannot be bundled are listed in UNBUNDLED and must then be installed beside it.
// Run from the service's directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const outIndex = process.argv.indexOf('--out');
const outfile = resolve(dir, outIndex > 0 ? process.argv[outIndex + 1] : join('dist', 'main.js'));
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entry = ['src/main.ts', 'server/main.ts'].map((p) => join(dir, p)).find((p) => existsSync(p));
if (!entry) {
  process.stderr.write(`build-service: no src/main.ts or server/main.ts in ${dir}\n`);
  process.exit(1);
}

/** Optional native or test-only modules some dependencies probe for; never needed at run time. */
const UNBUNDLED = ['testcontainers', 'cpu-features', 'ssh2', 'pino-pretty', 'bufferutil', 'utf-8-validate'];

await build({
  entryPoints: [entry],
  outfile,
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
});
process.stdout.write(`built ${pkg.name} → ${relative(dir, outfile)}\n`);
