import type { StatusCause } from '../api/errors.js';
import { invalidValue, requiredValue } from '../api/errors.js';
import { labelSelectorToString, selectorMatches } from '../store/selectors.js';
import type { KubeObject, Loose } from '../types.js';
import { jsonEqual } from '../types.js';

/** Selector checks shared by Deployment, ReplicaSet, StatefulSet, DaemonSet. */
export function validateSelector(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const selector: Loose = obj.spec?.selector;
  const labels = obj.spec?.template?.metadata?.labels as Record<string, string> | undefined;
  if (!selector || labelSelectorToString(selector) === '') {
    causes.push(requiredValue('spec.selector'));
  } else if (!selectorMatches(selector, labels)) {
    causes.push(
      invalidValue(
        'spec.template.metadata.labels',
        labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (old && !jsonEqual(old.spec?.selector, selector)) {
    causes.push(invalidValue('spec.selector', selectorText(selector), 'field is immutable'));
  }
  if (
    !Array.isArray(obj.spec?.template?.spec?.containers) ||
    obj.spec.template.spec.containers.length === 0
  ) {
    causes.push(requiredValue('spec.template.spec.containers'));
  }
  return causes;
}

function selectorText(selector: Loose): string {
  const ml = Object.entries((selector?.matchLabels ?? {}) as Record<string, string>)
    .map(([k, v]) => `"${k}":"${v}"`)
    .join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${ml}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

/** Resolves an int-or-percent against `total` (rounding up for surge, down for unavailable). */
export function resolveIntOrPercent(value: Loose, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value));
  if (!m) return Number(value) || 0;
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}
