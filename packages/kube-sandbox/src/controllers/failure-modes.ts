import type { KubeObject } from '../types.js';

/** Simulated pod failure modes. */
export type FailureMode =
  | 'ImagePullBackOff'
  | 'CrashLoopBackOff'
  | 'NeverReady'
  | 'Fail'
  | 'Unschedulable'
  | 'CreateContainerConfigError';

/** Selects a failure mode for containers whose image matches `image`. */
export interface FailureRule {
  image: RegExp;
  mode: FailureMode;
}

/** Pod annotation that forces a failure mode (overrides image rules). */
export const FAILURE_ANNOTATION = 'sandbox.genoa.dev/failure';

/** Default image rules: any image whose name or tag contains the word. */
export const defaultFailureRules: FailureRule[] = [
  { image: /(unpullable|does-not-exist|pull-error|imagepullbackoff)/i, mode: 'ImagePullBackOff' },
  { image: /(crashloop|crash-loop)/i, mode: 'CrashLoopBackOff' },
  { image: /never-ready/i, mode: 'NeverReady' },
  { image: /(job-fail|:fail$|exit-1)/i, mode: 'Fail' },
  { image: /unschedulable/i, mode: 'Unschedulable' },
];

const MODES: FailureMode[] = [
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'NeverReady',
  'Fail',
  'Unschedulable',
  'CreateContainerConfigError',
];

/** The failure mode of a pod (annotation first, then image rules), or undefined when healthy. */
export function failureModeOf(pod: KubeObject, rules: FailureRule[]): FailureMode | undefined {
  const a = pod.metadata.annotations?.[FAILURE_ANNOTATION];
  if (a) {
    const m = MODES.find((x) => x.toLowerCase() === a.toLowerCase().replace(/[-_]/g, ''));
    if (m) return m;
    const alias: Record<string, FailureMode> = {
      'image-pull': 'ImagePullBackOff',
      'crash-loop': 'CrashLoopBackOff',
      'never-ready': 'NeverReady',
      'job-failure': 'Fail',
      fail: 'Fail',
      unschedulable: 'Unschedulable',
      'config-error': 'CreateContainerConfigError',
    };
    if (alias[a]) return alias[a];
  }
  for (const c of (pod.spec?.containers ?? []) as { image?: string }[]) {
    const rule = rules.find((r) => r.image.test(c.image ?? ''));
    if (rule) return rule.mode;
  }
  return undefined;
}
