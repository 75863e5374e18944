import { InputError } from '@genoa/shared';
import { z } from 'zod';
import type { DeleteOptions } from '../adapters/kube-client.js';
import { clusterMembers, pickByCriteria, TARGET_CRITERIA } from '../domain/clusters.js';
import { parseManifestName } from '../domain/kube-object.js';
import { LabelSelectorsSchema, toLabelSelector } from '../domain/label-selectors.js';
import { describeFailure } from '../deploy/deployer.js';
import { handlerFor } from '../kinds/index.js';
import { defineOperation } from './define-operation.js';
import { accountFields, checkAllowed } from './target.js';

/** The deleteManifest description: one manifest, a label selector over kinds, or a dynamic cluster target. */
export const DeleteManifestDescriptionSchema = z
  .object({
    ...accountFields,
    manifestName: z.string().optional(),
    location: z.string().default(''),
    kinds: z.array(z.string().min(1)).default([]),
    labelSelectors: LabelSelectorsSchema.optional(),
    cluster: z.string().optional(),
    criteria: z.enum(TARGET_CRITERIA).optional(),
    kind: z.string().optional(),
    app: z.string().optional(),
    options: z
      .object({
        cascading: z
          .union([z.boolean(), z.enum(['true', 'false', 'foreground', 'background', 'orphan'])])
          .default(true),
        gracePeriodSeconds: z.number().int().min(0).optional(),
        orphanDependents: z.boolean().optional(),
      })
      .loose()
      .default({ cascading: true }),
  })
  .loose()
  .superRefine((d, ctx) => {
    if (d.manifestName !== undefined && !parseManifestName(d.manifestName))
      ctx.addIssue({ code: 'custom', path: ['manifestName'], message: 'must be "<kind> <name>"' });
    if (!d.manifestName && !d.labelSelectors && !(d.cluster && d.criteria))
      ctx.addIssue({
        code: 'custom',
        path: ['manifestName'],
        message: 'give manifestName, labelSelectors with kinds, or cluster with criteria',
      });
    if (d.labelSelectors && d.kinds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'is required with labelSelectors' });
  });

/** Spinnaker's `cascading` option as a propagation policy. */
function propagation(options: {
  cascading: boolean | string;
  orphanDependents?: boolean;
}): DeleteOptions['propagationPolicy'] {
  if (options.orphanDependents === true) return 'Orphan';
  switch (String(options.cascading)) {
    case 'false':
    case 'orphan':
      return 'Orphan';
    case 'foreground':
      return 'Foreground';
    default:
      return 'Background';
  }
}

/** `deleteManifest`: deletes by name, by label selector, or the dynamic target of a cluster. */
export const deleteManifestOperation = defineOperation({
  name: 'deleteManifest',
  phase: 'DELETE_KUBERNETES_MANIFEST',
  description: DeleteManifestDescriptionSchema,
  async run(d, ctx) {
    const { client } = ctx.account;
    const namespace = d.location || client.defaultNamespace;
    const targets: { kind: string; name: string }[] = [];
    if (d.manifestName) targets.push(parseManifestName(d.manifestName)!);
    else if (d.labelSelectors) {
      const selector = toLabelSelector(d.labelSelectors.selectors);
      for (const kind of d.kinds)
        for (const o of await client.list(kind, namespace, { labelSelector: selector }))
          targets.push({ kind, name: o.metadata!.name! });
    } else {
      const kind = d.kind ?? parseManifestName(d.cluster!)?.kind ?? 'replicaSet';
      const app = d.app ?? (d as { moniker?: { app?: string } }).moniker?.app;
      if (!app) throw new InputError('app is required with cluster and criteria');
      const members = clusterMembers(
        await client.list(kind, namespace),
        handlerFor(kind).spinnakerKind,
        app,
        d.cluster!,
      );
      const picked = pickByCriteria(members, d.criteria!);
      if (!picked) throw new InputError(`No ${kind} in cluster ${d.cluster} matches ${d.criteria}`);
      targets.push({ kind, name: picked.metadata!.name! });
    }
    const deleted: Record<string, string[]> = {};
    for (const target of targets) {
      const resource = await client.resourceFor(target.kind);
      if (!resource)
        throw new InputError(`Kind "${target.kind}" is not served by account ${ctx.account.name}'s cluster`);
      const handler = handlerFor(resource.kind);
      const ns = resource.namespaced ? namespace : undefined;
      checkAllowed(ctx.account, resource.kind, ns);
      const label = `${handler.spinnakerKind} ${target.name}`;
      await ctx.progress(`Deleting ${label}`);
      try {
        const existed = await client.delete(resource.kind, ns, target.name, {
          propagationPolicy: propagation(d.options),
          gracePeriodSeconds: d.options.gracePeriodSeconds,
        });
        if (!existed) await ctx.progress(`${label} was already gone`);
      } catch (err) {
        throw describeFailure(`Deleting ${label}`, err);
      }
      (deleted[ns ?? ''] ??= []).push(label);
    }
    return { manifestNamesByNamespace: deleted };
  },
});
