/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, one after another (so they do not
 * compete for the two cores), each in its own process, and prints their figures as they come.
 * `npm run bench -- front50` runs only the benchmarks whose file name contains "front50".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (benches.length === 0) {
  process.stdout.write('no benchmarks matched\n');
  process.exit(filters.length === 0 ? 0 : 1);
}
let failures = 0;
for (const bench of benches) {
  process.stdout.write(`\n### ${bench}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench)], {
    stdio: 'inherit',
    cwd: here,
  });
  if (result.status !== 0) failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
