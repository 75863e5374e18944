import { FATAL_WAITING_REASONS, podProblem, type ManifestStatus } from '../kinds/index.js';
import type { KubeObject } from './kube-object.js';

/**
 * A workload's status with its pods' problems folded in: when it is not stable and one of its pods
 * is stuck for a reason that waiting will not fix (CrashLoopBackOff, ImagePullBackOff…), the
 * status is failed with that pod's reason, so a pipeline stops with a readable cause instead of
 * waiting for its timeout. Other pod problems become warnings.
 */
export function withPodProblems(
  status: ManifestStatus,
  pods: readonly KubeObject[],
): { status: ManifestStatus; warnings: string[] } {
  if (status.stable.state || status.failed.state) return { status, warnings: [] };
  const warnings: string[] = [];
  for (const pod of pods) {
    const problem = podProblem(pod);
    if (!problem) continue;
    const message = `Pod ${pod.metadata?.name}: ${problem}`;
    if (FATAL_WAITING_REASONS.some((r) => problem.includes(r)))
      return {
        status: { ...status, available: { state: false, message }, failed: { state: true, message } },
        warnings,
      };
    warnings.push(message);
  }
  return { status, warnings };
}

/** The pods that belong to a workload: its `spec.selector.matchLabels` in its namespace. */
export function podsOfWorkload(workload: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const selector = workload.spec?.selector?.matchLabels as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return [];
  return pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v));
}
