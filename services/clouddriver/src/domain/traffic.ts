import type { KubeObject } from './kube-object.js';
import { templateMetadata } from './kube-object.js';

/**
 * Adds a Service's selector labels to a workload's pod-template labels (in place), as Spinnaker's
 * `KubernetesServiceHandler.attach` does on deploy with traffic. Throws when the workload already
 * uses a selector key with another value, or when the service has no selector.
 */
export function attachSelector(
  workload: KubeObject,
  serviceName: string,
  selector: Record<string, string> | undefined,
): void {
  if (!selector || Object.keys(selector).length === 0)
    throw new Error(
      `Service ${serviceName} has no selector, so it cannot send traffic to ${workload.metadata?.name}`,
    );
  const template = templateMetadata(workload);
  const labels = template ? template.labels : (workload.metadata!.labels ??= {});
  const workloadSelector = (workload.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(selector)) {
    if (key in workloadSelector)
      throw new Error(
        `Service ${serviceName} selects on label "${key}", which is also in ${workload.metadata?.name}'s own selector; ` +
          'traffic could not be removed from it later',
      );
    if (labels[key] !== undefined && labels[key] !== value)
      throw new Error(
        `Service ${serviceName} selects ${key}=${value}, but ${workload.metadata?.name} already sets ${key}=${labels[key]}`,
      );
    labels[key] = value;
  }
}

/** JSON-patch operations that add (`enable`) or remove (`disable`) selector labels at `labelsPath`. */
export function trafficPatch(
  current: Record<string, string> | undefined,
  selector: Record<string, string>,
  labelsPath: string,
  enable: boolean,
): { op: string; path: string; value?: unknown }[] {
  const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const ops: { op: string; path: string; value?: unknown }[] = [];
  if (enable && current === undefined) return [{ op: 'add', path: labelsPath, value: { ...selector } }];
  for (const [key, value] of Object.entries(selector)) {
    const has = current?.[key] !== undefined;
    if (enable && current?.[key] !== value)
      ops.push({ op: 'add', path: `${labelsPath}/${escape(key)}`, value });
    if (!enable && has) ops.push({ op: 'remove', path: `${labelsPath}/${escape(key)}` });
  }
  return ops;
}
