import { invalidValue } from '../api/errors.js';
import type { StatusCause } from '../api/errors.js';
import type { KindHooks } from './hooks.js';
import { defaultPodTemplate } from './pod-spec.js';
import { validateSelector } from './workload-common.js';

/** apps/v1 Deployment defaults and validation. */
export const deploymentHooks: KindHooks = {
  group: 'apps',
  kind: 'Deployment',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultPodTemplate(spec.template);
  },
  validate(obj, old) {
    const causes: StatusCause[] = validateSelector(obj, old);
    const spec = obj.spec ?? {};
    const rp = spec.template?.spec?.restartPolicy;
    if (rp && rp !== 'Always') {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.restartPolicy',
        message: `Unsupported value: "${rp}": supported values: "Always"`,
      });
    }
    if (spec.strategy?.type === 'Recreate' && spec.strategy.rollingUpdate) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'spec.strategy.rollingUpdate',
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      });
    }
    const ru = spec.strategy?.rollingUpdate;
    if (
      ru &&
      String(ru.maxSurge).replace('%', '') === '0' &&
      String(ru.maxUnavailable).replace('%', '') === '0'
    ) {
      causes.push(
        invalidValue(
          'spec.strategy.rollingUpdate.maxUnavailable',
          ru.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    }
    if (typeof spec.replicas === 'number' && spec.replicas < 0) {
      causes.push(invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
    }
    return causes;
  },
};
