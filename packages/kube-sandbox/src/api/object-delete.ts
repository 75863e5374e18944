import type { KubeObject } from '../types.js';
import { clone, timestamp } from '../types.js';
import { conflict, forbidden } from './errors.js';
import type { DeleteOptions, DeleteResult, ObjectApi } from './object-api.js';
import type { ResourceType } from './resources.js';
import { storageKey } from './resources.js';

/**
 * DELETE semantics: preconditions, protected namespaces, propagation finalizers (Orphan,
 * Foreground), graceful pod deletion, namespace termination; removes the object at once when
 * nothing holds it.
 */
export function deleteObject(
  api: ObjectApi,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  opts: DeleteOptions,
): DeleteResult {
  const old = api.get(rt, ns, name);
  const pre = opts.preconditions ?? {};
  if (pre.uid && pre.uid !== old.metadata.uid) {
    throw conflict(
      rt,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  if (pre.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      rt,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
    );
  }
  if (rt.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
    throw forbidden(rt, name, 'this namespace may not be deleted');
  }
  const key = storageKey(rt);
  const isPod = rt.kind === 'Pod';
  if (opts.dryRun) return { object: old, gone: !(old.metadata.finalizers ?? []).length };
  const next: KubeObject = clone(old);
  const m = next.metadata;
  const finalizers: string[] = [...(m.finalizers ?? [])];
  if (old.metadata.deletionTimestamp) {
    if (isPod && opts.gracePeriodSeconds === 0 && !finalizers.length) {
      return { object: api.store.delete(key, m.namespace, name)!, gone: true };
    }
    return { object: old, gone: false };
  }
  const policy = opts.propagationPolicy ?? 'Background';
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
    finalizers.push('foregroundDeletion');
  const now = api.clock.now();
  const phase = old.status?.phase;
  const grace = opts.gracePeriodSeconds ?? old.spec?.terminationGracePeriodSeconds ?? 30;
  const graceful = isPod && grace > 0 && !!old.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
  if (!finalizers.length && !graceful && rt.kind !== 'Namespace') {
    return { object: api.store.delete(key, m.namespace, name)!, gone: true };
  }
  if (finalizers.length) m.finalizers = finalizers;
  m.deletionTimestamp = timestamp(now + (graceful ? grace * 1000 : 0));
  m.deletionGracePeriodSeconds = graceful ? grace : 0;
  if (rt.kind === 'Namespace') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
  api.store.update(key, next);
  return { object: next, gone: false };
}
