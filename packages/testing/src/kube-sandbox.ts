/**
 * The Kubernetes API simulator for tests: `startKubeSandbox({port, snapshotFile, kubeconfigPath,
 * podReadyDelayMs})` returns `{url, port, kubeconfigPath, stop()}` (see `@genoa/kube-sandbox`).
 */
export { startKubeSandbox, kubeconfigFor } from '@genoa/kube-sandbox';
export type { KubeSandbox, KubeSandboxOptions } from '@genoa/kube-sandbox';
