import type { StatusCause } from '../api/errors.js';
import { invalidValue } from '../api/errors.js';
import { jsonEqual } from '../types.js';
import type { KindHooks } from './hooks.js';
import { defaultPodTemplate } from './pod-spec.js';

/** batch/v1 Job defaults (generated selector and labels) and validation (immutable template). */
export const jobHooks: KindHooks = {
  group: 'batch',
  kind: 'Job',
  defaults(obj, _ctx, old) {
    const spec = (obj.spec ??= {});
    spec.parallelism ??= 1;
    spec.completions ??= 1;
    spec.backoffLimit ??= 6;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    spec.podReplacementPolicy ??= 'TerminatingOrFailed';
    spec.manualSelector ??= undefined;
    defaultPodTemplate(spec.template);
    if (!spec.manualSelector && !old) {
      const uid = obj.metadata.uid!;
      const name = obj.metadata.name!;
      spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const tm = (spec.template.metadata ??= {});
      tm.labels = {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
        ...(tm.labels ?? {}),
      };
    }
  },
  validate(obj, old) {
    const causes: StatusCause[] = [];
    const rp = obj.spec?.template?.spec?.restartPolicy;
    if (rp !== 'Never' && rp !== 'OnFailure') {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.restartPolicy',
        message: `Unsupported value: "${rp}": supported values: "OnFailure", "Never"`,
      });
    }
    if (old && !jsonEqual(old.spec?.template, obj.spec?.template)) {
      causes.push(invalidValue('spec.template', '{...}', 'field is immutable'));
    }
    if (old && !jsonEqual(old.spec?.selector, obj.spec?.selector)) {
      causes.push(invalidValue('spec.selector', '{...}', 'field is immutable'));
    }
    return causes;
  },
};

/** batch/v1 CronJob defaults. */
export const cronJobHooks: KindHooks = {
  group: 'batch',
  kind: 'CronJob',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    if (spec.jobTemplate?.spec) defaultPodTemplate(spec.jobTemplate.spec.template);
  },
};
