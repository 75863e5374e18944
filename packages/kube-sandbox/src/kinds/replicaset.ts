import type { KindHooks } from './hooks.js';
import { defaultPodTemplate } from './pod-spec.js';
import { validateSelector } from './workload-common.js';

/** apps/v1 ReplicaSet defaults and validation. */
export const replicaSetHooks: KindHooks = {
  group: 'apps',
  kind: 'ReplicaSet',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    defaultPodTemplate(spec.template);
  },
  validate: (obj, old) => validateSelector(obj, old),
};
