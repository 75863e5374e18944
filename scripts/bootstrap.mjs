#!/usr/bin/env node
// The entry of `npm start`, `npm test` and `npm run bench` on a fresh machine: checks Node,
// finds (or fetches) pnpm, installs the workspace, then runs the requested command.
// Plain Node only: nothing here may need a dependency, since it runs before they are installed.
import { spawnSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';
const command = process.argv[2];

function fail(message) {
  process.stderr.write(`genoa: ${message}\n`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node ${process.versions.node} is too old: Genoa needs Node >= 20.19 (22 LTS recommended).`);
}

/** The argv prefix that runs pnpm: a pnpm >= 10 on PATH, else pnpm fetched through npm exec. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: false });
  const version = probe.status === 0 ? probe.stdout.trim() : '';
  if (version && Number(version.split('.')[0]) >= 10) return ['pnpm'];
  process.stdout.write(`genoa: pnpm not found; using pnpm@${PNPM_VERSION} through npm exec\n`);
  return ['npm', 'exec', '--yes', `--package=pnpm@${PNPM_VERSION}`, '--', 'pnpm'];
}

function run(argv, options = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`${argv[0]} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

const pnpm = pnpmCommand();
const install = [...pnpm, 'install', '--frozen-lockfile', '--prefer-offline'];
if (process.env.CI) install.push('--reporter=append-only');
if (run(install) !== 0) fail('dependency installation failed (see above).');

/** Runs a long-lived child with signals forwarded, exiting with its code. */
function handOver(argv) {
  const child = spawn(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

switch (command) {
  case 'start':
    handOver([
      process.execPath,
      '--import',
      'tsx',
      join('scripts', 'local-stack', 'main.ts'),
      ...process.argv.slice(3),
    ]);
    break;
  case 'test':
    handOver([process.execPath, join('scripts', 'run-tests.mjs'), ...process.argv.slice(3)]);
    break;
  case 'bench':
    handOver([...pnpm, '--filter', '@genoa/bench', 'run', 'bench', ...process.argv.slice(3)]);
    break;
  default:
    fail(`unknown command "${command}"; use start, test or bench`);
}
