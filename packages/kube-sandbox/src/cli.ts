#!/usr/bin/env -S npx tsx
/**
 * `genoa-kube-sandbox`: starts the sandbox, writes its kubeconfig and prints where it is.
 *
 *   tsx packages/kube-sandbox/src/cli.ts --port 6443 --kubeconfig .genoa/kubeconfig \
 *     --snapshot .genoa/kube-sandbox.json --pod-ready-delay-ms 500
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startKubeSandbox } from './sandbox.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    kubeconfig: { type: 'string', default: '.genoa/kubeconfig' },
    snapshot: { type: 'string' },
    'pod-ready-delay-ms': { type: 'string', default: '500' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'usage: genoa-kube-sandbox [--port N] [--host H] [--kubeconfig PATH] [--snapshot FILE] [--pod-ready-delay-ms MS]\n',
  );
  process.exit(0);
}

const kubeconfigPath = resolve(values.kubeconfig);
const sandbox = await startKubeSandbox({
  port: Number(values.port),
  host: values.host,
  kubeconfigPath,
  podReadyDelayMs: Number(values['pod-ready-delay-ms']),
  ...(values.snapshot ? { snapshotFile: resolve(values.snapshot) } : {}),
});
process.stdout.write(`kube-sandbox listening on ${sandbox.url}\nkubeconfig written to ${kubeconfigPath}\n`);
process.stdout.write(`try: kubectl --kubeconfig ${kubeconfigPath} get nodes\n`);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  void sandbox.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
