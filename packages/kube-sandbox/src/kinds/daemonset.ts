import type { KindHooks } from './hooks.js';
import { defaultPodTemplate } from './pod-spec.js';
import { validateSelector } from './workload-common.js';

/** apps/v1 DaemonSet defaults and validation. */
export const daemonSetHooks: KindHooks = {
  group: 'apps',
  kind: 'DaemonSet',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.updateStrategy ??= { type: 'RollingUpdate' };
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate(spec.template);
  },
  validate: (obj, old) => validateSelector(obj, old),
};
