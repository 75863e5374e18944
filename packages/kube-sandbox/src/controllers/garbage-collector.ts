import type { StoreEvent } from '../store/store.js';
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER } from './controller.js';

const SEP = '|';

function ref(e: { key: string; object: KubeObject }): string {
  return [e.key, e.object.metadata.namespace ?? '', e.object.metadata.name].join(SEP);
}

/**
 * The garbage collector: follows ownerReference uids. Background deletion removes dependents of a
 * deleted owner; `foregroundDeletion` deletes dependents first and then the owner; `orphan`
 * strips the owner's references from dependents and then deletes the owner.
 */
export function createGarbageCollector(): Controller {
  const dependents = new Map<string, Set<string>>();
  const index = (e: StoreEvent): void => {
    const id = ref(e);
    for (const r of e.old?.metadata.ownerReferences ?? []) dependents.get(r.uid)?.delete(id);
    if (e.type === 'DELETED') return;
    for (const r of e.object.metadata.ownerReferences ?? []) {
      let s = dependents.get(r.uid);
      if (!s) dependents.set(r.uid, (s = new Set()));
      s.add(id);
    }
  };
  const live = (ctx: ControllerContext, uid: string): KubeObject[] =>
    [...(dependents.get(uid) ?? [])]
      .map((id) => {
        const [key, ns, name] = id.split(SEP) as [string, string, string];
        return ctx.store.get(key, ns || undefined, name);
      })
      .filter((o): o is KubeObject => !!o && !!o.metadata.ownerReferences?.some((r) => r.uid === uid));
  const typeOf = (ctx: ControllerContext, o: KubeObject) => ctx.api.type(o.apiVersion, o.kind);
  const removeFinalizer = (ctx: ControllerContext, o: KubeObject, f: string): void => {
    const next = clone(o);
    next.metadata.finalizers = (o.metadata.finalizers ?? []).filter((x) => x !== f);
    if (!next.metadata.finalizers!.length) delete next.metadata.finalizers;
    ctx.api.update(typeOf(ctx, o), o.metadata.namespace, o.metadata.name!, next, CONTROLLER_MANAGER);
  };
  return {
    name: 'garbage-collector',
    keysFor(e, ctx) {
      index(e);
      const keys: string[] = [];
      if (e.type === 'DELETED' && dependents.get(e.object.metadata.uid!)?.size)
        keys.push(`gone${SEP}${e.object.metadata.uid}`);
      const f = e.object.metadata.finalizers ?? [];
      if (
        e.type !== 'DELETED' &&
        e.object.metadata.deletionTimestamp &&
        (f.includes('orphan') || f.includes('foregroundDeletion'))
      ) {
        keys.push(`owner${SEP}${ref(e)}`);
      }
      for (const r of (e.type === 'ADDED' ? [] : (e.old ?? e.object).metadata.ownerReferences) ?? []) {
        const owner = ctx.api.resources.byKind(r.apiVersion, r.kind);
        if (!owner) continue;
        const key = `${owner.group}/${owner.resource}`;
        const o = ctx.store.get(key, owner.namespaced ? e.object.metadata.namespace : undefined, r.name);
        if (o?.metadata.deletionTimestamp && o.metadata.uid === r.uid) {
          keys.push(`owner${SEP}${key}${SEP}${o.metadata.namespace ?? ''}${SEP}${r.name}`);
        }
      }
      return keys;
    },
    reconcile(key, ctx) {
      const [what, a, b, c] = key.split(SEP) as [string, string, string?, string?];
      if (what === 'gone') {
        for (const d of live(ctx, a)) {
          const others = d.metadata.ownerReferences!.filter((r) => r.uid !== a);
          if (others.length) {
            const next = clone(d);
            next.metadata.ownerReferences = others;
            ctx.api.update(typeOf(ctx, d), d.metadata.namespace, d.metadata.name!, next, CONTROLLER_MANAGER);
          } else if (!d.metadata.deletionTimestamp) {
            ctx.api.delete(typeOf(ctx, d), d.metadata.namespace, d.metadata.name!, {
              propagationPolicy: 'Background',
            });
          }
        }
        return;
      }
      const o = ctx.store.get(a, b || undefined, c!);
      if (!o || !o.metadata.deletionTimestamp) return;
      const f = o.metadata.finalizers ?? [];
      const deps = live(ctx, o.metadata.uid!);
      if (f.includes('orphan')) {
        for (const d of deps) {
          const next = clone(d);
          next.metadata.ownerReferences = d.metadata.ownerReferences!.filter((r) => r.uid !== o.metadata.uid);
          if (!next.metadata.ownerReferences!.length) delete next.metadata.ownerReferences;
          ctx.api.update(typeOf(ctx, d), d.metadata.namespace, d.metadata.name!, next, CONTROLLER_MANAGER);
        }
        removeFinalizer(ctx, o, 'orphan');
        return;
      }
      if (f.includes('foregroundDeletion')) {
        for (const d of deps) {
          if (!d.metadata.deletionTimestamp) {
            ctx.api.delete(typeOf(ctx, d), d.metadata.namespace, d.metadata.name!, {
              propagationPolicy: 'Foreground',
            });
          }
        }
        if (!live(ctx, o.metadata.uid!).length) removeFinalizer(ctx, o, 'foregroundDeletion');
      }
    },
  };
}
