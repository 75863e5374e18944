import { cronJobHooks, jobHooks } from './job.js';
import { namespaceHooks, podHooks, secretHooks, serviceHooks } from './core.js';
import { daemonSetHooks } from './daemonset.js';
import { deploymentHooks } from './deployment.js';
import type { KindHooks } from './hooks.js';
import { replicaSetHooks } from './replicaset.js';
import { statefulSetHooks } from './statefulset.js';

/** Every kind with defaulting or validation beyond the generic rules. */
export const kindHooks: KindHooks[] = [
  namespaceHooks,
  podHooks,
  serviceHooks,
  secretHooks,
  deploymentHooks,
  replicaSetHooks,
  statefulSetHooks,
  daemonSetHooks,
  jobHooks,
  cronJobHooks,
];

/** Hooks by `group/Kind`. */
export const hooksByKind: ReadonlyMap<string, KindHooks> = new Map(
  kindHooks.map((h) => [`${h.group}/${h.kind}`, h]),
);
