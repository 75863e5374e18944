/**
 * `@genoa/kube-sandbox`: a Kubernetes API server simulator (apiserver, built-in controllers,
 * a scheduler stub and a simulated kubelet) that real kubectl and client-node accept.
 */
export * from './sandbox.js';
export * from './clock.js';
export * from './controllers/failure-modes.js';
export * from './types.js';
