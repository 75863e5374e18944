import type { Loose } from '../types.js';
import { clone, timestamp } from '../types.js';
import type { Controller } from './controller.js';
import { CONTROLLER_MANAGER } from './controller.js';

/**
 * Serves custom resources generically: every served version of a CustomResourceDefinition
 * becomes a resource (merge and JSON patch only, `status`/`scale` subresources as declared),
 * and the CRD is marked Established.
 */
export const crdController: Controller = {
  name: 'crd',
  keysFor: (e) =>
    e.key === 'apiextensions.k8s.io/customresourcedefinitions'
      ? [`${e.type}|${e.object.metadata.name}|${JSON.stringify(e.object.spec ?? {})}`]
      : [],
  reconcile(key, ctx) {
    const [type, name, specText] = key.split('|') as [string, string, string];
    const spec = JSON.parse(specText) as Loose;
    const names = spec.names ?? {};
    for (const v of (spec.versions ?? []) as Loose[]) {
      if (type === 'DELETED' || !v.served) ctx.api.resources.remove(spec.group, v.name, names.plural);
      else {
        ctx.api.resources.add({
          group: spec.group,
          version: v.name,
          resource: names.plural,
          singular: names.singular ?? String(names.kind).toLowerCase(),
          kind: names.kind,
          namespaced: spec.scope !== 'Cluster',
          ...(names.shortNames ? { shortNames: names.shortNames } : {}),
          ...(names.categories ? { categories: names.categories } : {}),
          subresources: [
            ...(v.subresources?.status ? ['status' as const] : []),
            ...(v.subresources?.scale ? ['scale' as const] : []),
          ],
          generation: 'non-metadata',
          strategicMerge: false,
          custom: true,
        });
      }
    }
    if (type === 'DELETED') return;
    const crd = ctx.store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, name);
    if (!crd || crd.status?.conditions?.some((c: Loose) => c.type === 'Established')) return;
    const now = timestamp(ctx.clock.now());
    const next = clone(crd);
    next.status = {
      acceptedNames: names,
      storedVersions: ((spec.versions ?? []) as Loose[]).filter((v) => v.storage).map((v) => v.name),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: now,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: now,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
    };
    ctx.api.update(ctx.type('apiextensions.k8s.io', 'customresourcedefinitions'), undefined, name, next, {
      ...CONTROLLER_MANAGER,
      subresource: 'status',
    });
  },
};
