import { InputError } from '@genoa/shared';
import { z } from 'zod';
import { loadBalancersOf } from '../domain/annotations.js';
import { parseManifestName } from '../domain/kube-object.js';
import { trafficPatch } from '../domain/traffic.js';
import type { OperationContext } from '../operations/define-operation.js';
import { namesByNamespace, resolveTarget, targetFields } from '../operations/target.js';
import { describeFailure } from './deployer.js';

/** The enable/disable description: the target and optional `loadBalancers` (default: its annotation). */
export const TrafficDescriptionSchema = z
  .object({ ...targetFields, loadBalancers: z.array(z.string()).optional() })
  .loose();
/** See {@link TrafficDescriptionSchema}. */
export type TrafficDescription = z.infer<typeof TrafficDescriptionSchema>;

/**
 * Adds (`enable`) or removes (`disable`) each load balancer's selector labels on a workload's pod
 * template and on each of its pods, with JSON patches (engine.md §6.4).
 */
export async function setTraffic(d: TrafficDescription, ctx: OperationContext, enable: boolean) {
  const { client } = ctx.account;
  const target = await resolveTarget(ctx.account, d, 'canLoadBalance');
  const loadBalancers = d.loadBalancers?.length ? d.loadBalancers : loadBalancersOf(target.object);
  if (loadBalancers.length === 0)
    throw new InputError(
      `${d.manifestName} has no load balancers: set loadBalancers or the traffic.spinnaker.io/load-balancers annotation`,
    );
  const pods =
    target.kind === 'Pod'
      ? []
      : (await client.list('Pod', target.namespace)).filter((p) =>
          p.metadata?.ownerReferences?.some((o) => o.uid === target.object.metadata?.uid),
        );
  for (const lb of loadBalancers) {
    const parsed = parseManifestName(lb);
    if (!parsed || parsed.kind.toLowerCase() !== 'service')
      throw new InputError(`Load balancer "${lb}" must be "service <name>"`);
    const service = await client.get('Service', target.namespace, parsed.name);
    if (!service) throw new InputError(`Service ${parsed.name} not found in namespace ${target.namespace}`);
    const selector = (service.spec?.selector ?? {}) as Record<string, string>;
    if (Object.keys(selector).length === 0) throw new InputError(`Service ${parsed.name} has no selector`);
    await ctx.progress(
      `${enable ? 'Attaching' : 'Detaching'} ${d.manifestName} ${enable ? 'to' : 'from'} ${lb}`,
    );
    try {
      if (target.kind !== 'Pod') {
        const labels = target.object.spec?.template?.metadata?.labels as Record<string, string> | undefined;
        const ops = trafficPatch(labels, selector, '/spec/template/metadata/labels', enable);
        if (ops.length > 0) await client.patch(target.kind, target.namespace, target.name, ops, 'json');
      }
      for (const pod of target.kind === 'Pod' ? [target.object] : pods) {
        const ops = trafficPatch(pod.metadata?.labels, selector, '/metadata/labels', enable);
        if (ops.length > 0) await client.patch('Pod', target.namespace, pod.metadata!.name!, ops, 'json');
      }
    } catch (err) {
      throw describeFailure(`${enable ? 'Enabling' : 'Disabling'} ${d.manifestName}`, err);
    }
  }
  return { manifestNamesByNamespace: namesByNamespace(target) };
}
