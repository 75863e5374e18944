import { invalidValue } from '../api/errors.js';
import { jsonEqual } from '../types.js';
import type { KindHooks } from './hooks.js';
import { defaultPodTemplate } from './pod-spec.js';
import { validateSelector } from './workload-common.js';

const MUTABLE = [
  'replicas',
  'template',
  'updateStrategy',
  'ordinals',
  'minReadySeconds',
  'persistentVolumeClaimRetentionPolicy',
];

/** apps/v1 StatefulSet defaults and validation. */
export const statefulSetHooks: KindHooks = {
  group: 'apps',
  kind: 'StatefulSet',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    // As SetDefaults_StatefulSet: rollingUpdate is only filled in when the type was defaulted,
    // so an explicit `type: RollingUpdate` keeps rollingUpdate unset (this decides which
    // success line `kubectl rollout status` prints).
    spec.updateStrategy ??= {};
    if (!spec.updateStrategy.type) {
      spec.updateStrategy.type = 'RollingUpdate';
      spec.updateStrategy.rollingUpdate ??= {};
    }
    if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate)
      spec.updateStrategy.rollingUpdate.partition ??= 0;
    spec.revisionHistoryLimit ??= 10;
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    defaultPodTemplate(spec.template);
  },
  validate(obj, old) {
    const causes = validateSelector(obj, old);
    if (old) {
      const strip = (s: Record<string, unknown>): Record<string, unknown> =>
        Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !MUTABLE.includes(k)));
      if (!jsonEqual(strip(obj.spec), strip(old.spec))) {
        causes.push({
          reason: 'FieldValueForbidden',
          field: 'spec',
          message: `Forbidden: updates to statefulset spec for fields other than ${MUTABLE.map((m) => `'${m}'`).join(', ')} are forbidden`,
        });
      }
    }
    if (typeof obj.spec?.replicas === 'number' && obj.spec.replicas < 0) {
      causes.push(invalidValue('spec.replicas', obj.spec.replicas, 'must be greater than or equal to 0'));
    }
    return causes;
  },
};
