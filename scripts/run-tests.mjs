#!/usr/bin/env node
// `npm test` after installation: lint, format check, typecheck, then every vitest project (unit
// and integration). Prints each step's outcome and a closing `N passed, N failed` line (tests
// plus failed non-test steps), which CI reads. Exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsFile = join(root, '.vitest-results.json');
const extraArgs = process.argv.slice(2);

function step(name, argv) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const result = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)\n`);
  return ok;
}

const failedSteps = [];
if (!step('eslint', [bin('eslint'), '.'])) failedSteps.push('eslint');
if (!step('prettier', [bin('prettier'), '--check', '.', '--log-level', 'warn'])) failedSteps.push('prettier');
// One program for all Node code (root tsconfig.json), one for deck's browser code.
if (!step('typecheck (node)', [bin('tsc'), '-p', 'tsconfig.json'])) failedSteps.push('typecheck (node)');
if (!step('typecheck (browser)', [bin('tsc'), '-p', 'services/deck/tsconfig.json']))
  failedSteps.push('typecheck (browser)');

rmSync(resultsFile, { force: true });
const vitestOk = step('vitest (unit + integration)', [
  bin('vitest'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...extraArgs,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(resultsFile)) {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const brokenSuites = (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && r.assertionResults?.length === 0,
  );
  if (brokenSuites.length > 0) {
    failedSteps.push(...brokenSuites.map((r) => `suite ${r.name.replace(root + '/', '')}`));
  }
} else if (!vitestOk) {
  failedSteps.push('vitest (no report)');
}
if (!vitestOk && failed === 0 && !failedSteps.some((s) => s.startsWith('suite') || s.startsWith('vitest'))) {
  failedSteps.push('vitest');
}

if (failedSteps.length > 0) process.stdout.write(`\nfailed steps: ${failedSteps.join(', ')}\n`);
if (skipped > 0) process.stdout.write(`skipped tests: ${skipped}\n`);
process.stdout.write(`\n${passed} passed, ${failed + failedSteps.length} failed\n`);
process.exit(failed + failedSteps.length === 0 ? 0 : 1);
