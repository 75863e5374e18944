/**
 * The local stack (`npm start`): Redis, the embedded S3 store, then the seven services in
 * dependency order, each waited for on /health; one line per service, the Deck URL, and Ctrl-C
 * stops everything in reverse order. External systems replace the embedded ones when configured:
 * REDIS_URL, S3_ENDPOINT (+ S3_ACCESS_KEY/S3_SECRET_KEY), KUBECONFIG (else the kube sandbox runs
 * and its kubeconfig is written to `<state>/kubeconfig`). State lives in GENOA_STATE_DIR
 * (default `.genoa/` in the repository); GENOA_PORT_OFFSET shifts every port; the services run from
 * esbuild bundles built into `<state>/bundles/`, or from their sources under tsx with GENOA_DEV=1.
 * The stack itself is
 * `stack.ts`, which the benchmarks, fault injection, soak and end-to-end scenarios also use.
 */
import { join } from 'node:path';
import { repoRoot, shown, startLocalStack, type LocalStack } from './stack.js';

const env = process.env;
const stateDir = env.GENOA_STATE_DIR ?? join(repoRoot, '.genoa');
const color = Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text);

const starting = new AbortController();
let startup: Promise<LocalStack> | undefined;
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    say('\nstopping Genoa…');
    starting.abort();
    const stack = await startup?.catch(() => undefined);
    await stack?.stop();
    say('stopped; no process left behind.');
  })();
  return stopping;
}

async function main(): Promise<void> {
  say(bold(`Genoa local stack (state in ${shown(stateDir)})`));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stopAll().then(() => process.exit(0)));
  }
  startup = startLocalStack({ env, stateDir, color, write: say, signal: starting.signal });
  const stack = await startup;
  say(`\n${bold('Genoa is up')} in ${stack.startSeconds.toFixed(1)} s.`);
  say(`  Deck (web UI): ${bold(stack.urlOf('deck'))}`);
  say(`  Gate (API):    ${stack.urlOf('gate')}`);
  say(`  Kubernetes:    kubectl --kubeconfig ${shown(stack.kubeconfigPath)} get pods -A`);
  say('Press Ctrl-C to stop everything.');
}

main().catch(async (err: unknown) => {
  if (stopping) return;
  say(`\ngenoa: could not start the stack: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  process.exit(1);
});
