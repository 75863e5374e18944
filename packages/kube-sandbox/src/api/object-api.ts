import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { KindContext } from '../kinds/hooks.js';
import { hooksByKind } from '../kinds/index.js';
import { recordUpdate } from '../patch/managed-fields.js';
import { schemaFor } from '../schema/kinds.js';
import type { Store } from '../store/store.js';
import type { KubeObject, Loose, ManagedFieldsEntry } from '../types.js';
import { clone, jsonEqual, timestamp } from '../types.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  MODIFIED,
  notFound,
  requiredValue,
  StatusError,
} from './errors.js';
import type { ResourceRegistry, ResourceType } from './resources.js';
import { groupVersion, storageKey } from './resources.js';
import type { FieldValidation } from './validation.js';
import { checkFields, checkKind, checkName, generateName } from './validation.js';
import { generationChanged } from './generation.js';
import { deleteObject } from './object-delete.js';

/** Options of a write. */
export interface WriteOptions {
  fieldManager: string;
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
  subresource?: 'status';
  /** Precomputed managedFields (server-side apply). */
  managedFields?: ManagedFieldsEntry[];
}

/** The result of a write. */
export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

/** `DeleteOptions`. */
export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** The result of a delete: the removed object (`gone`) or the object now pending deletion. */
export interface DeleteResult {
  object: KubeObject;
  gone: boolean;
}

const NS_KEY = '/namespaces';

/**
 * The apiserver's generic registry: create/update/delete with metadata rules, generation,
 * optimistic concurrency, defaulting and validation, managedFields and dry-run. Both the HTTP
 * layer and the in-process controllers write through it.
 */
export class ObjectApi {
  private nextIp = 2;

  constructor(
    readonly store: Store,
    readonly resources: ResourceRegistry,
    readonly clock: Clock,
  ) {}

  private readonly ctx: KindContext = {
    allocateClusterIP: () => {
      const used = new Set(this.store.list('/services').map((s) => s.spec?.clusterIP));
      for (;;) {
        const n = this.nextIp++;
        const ip = `10.96.${Math.floor(n / 256) % 256}.${n % 256}`;
        if (!used.has(ip) && n % 256 !== 0) return ip;
      }
    },
    now: () => this.clock.now(),
  };

  /** The resource type for apiVersion+kind (throws 404 when not served). */
  type(apiVersion: string, kind: string): ResourceType {
    const rt = this.resources.byKind(apiVersion, kind);
    if (!rt)
      throw new StatusError(404, 'NotFound', `no matches for kind "${kind}" in version "${apiVersion}"`);
    return rt;
  }

  /** One object or 404. */
  get(rt: ResourceType, ns: string | undefined, name: string): KubeObject {
    const o = this.store.get(storageKey(rt), rt.namespaced ? ns : undefined, name);
    if (!o) throw notFound(rt, name);
    return o;
  }

  /** One object or undefined. */
  find(rt: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(storageKey(rt), rt.namespaced ? ns : undefined, name);
  }

  private track(rt: ResourceType, opts: WriteOptions) {
    return {
      manager: opts.fieldManager,
      apiVersion: groupVersion(rt),
      subresource: opts.subresource,
      statusSplit: rt.subresources.includes('status'),
      schema: schemaFor(rt.group, rt.kind),
      time: timestamp(this.clock.now()),
    };
  }

  private checkNamespace(rt: ResourceType, ns: string, name: string): void {
    const n = this.store.get(NS_KEY, undefined, ns);
    if (!n)
      throw new StatusError(404, 'NotFound', `namespaces "${ns}" not found`, {
        name: ns,
        kind: 'namespaces',
      });
    if (n.metadata.deletionTimestamp) {
      throw forbidden(
        rt,
        name,
        `unable to create new content in namespace ${ns} because it is being terminated`,
        [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${ns} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      );
    }
  }

  /** POST: creates an object. */
  create(rt: ResourceType, ns: string | undefined, body: Loose, opts: WriteOptions): WriteResult {
    checkKind(rt, body);
    const obj: KubeObject = clone(body);
    const meta = (obj.metadata ??= {});
    if (rt.namespaced) {
      if (meta.namespace && ns && meta.namespace !== ns) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = ns ?? meta.namespace ?? 'default';
    } else delete meta.namespace;
    const warnings = checkFields(rt, obj, opts.fieldValidation);
    obj.apiVersion = groupVersion(rt);
    obj.kind = rt.kind;
    if (!meta.name) {
      if (!meta.generateName)
        throw invalid(rt, '', [requiredValue('metadata.name', 'name or generateName is required')]);
      meta.name = generateName(meta.generateName);
    }
    checkName(rt, meta.name);
    if (rt.namespaced) this.checkNamespace(rt, meta.namespace!, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.clock.now());
    for (const k of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'])
      delete meta[k];
    if (rt.generation !== 'none') meta.generation = 1;
    else delete meta.generation;
    if (rt.subresources.includes('status')) delete obj.status;
    const hooks = hooksByKind.get(`${rt.group}/${rt.kind}`);
    hooks?.defaults?.(obj, this.ctx);
    const causes = hooks?.validate?.(obj) ?? [];
    if (causes.length) throw invalid(rt, meta.name, causes);
    delete meta.managedFields;
    meta.managedFields = opts.managedFields ?? recordUpdate(undefined, undefined, obj, this.track(rt, opts));
    if (!meta.managedFields.length) delete meta.managedFields;
    if (opts.dryRun) return { object: obj, warnings };
    const key = storageKey(rt);
    for (let attempt = 0; !this.store.create(key, obj); attempt++) {
      if (!body.metadata?.generateName || body.metadata?.name || attempt >= 5)
        throw alreadyExists(rt, meta.name);
      meta.name = generateName(body.metadata.generateName);
    }
    return { object: obj, warnings };
  }

  /** PUT (also the last step of PATCH and apply): replaces an object. */
  update(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    body: Loose,
    opts: WriteOptions,
  ): WriteResult {
    const old = this.get(rt, ns, name);
    checkKind(rt, body);
    let obj: KubeObject = clone(body);
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (rt.namespaced && meta.namespace && meta.namespace !== old.metadata.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(rt, name, MODIFIED);
    }
    if (meta.uid && meta.uid !== old.metadata.uid) {
      throw conflict(
        rt,
        name,
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    const warnings = checkFields(rt, obj, opts.fieldValidation);
    if (opts.subresource === 'status') {
      const next: KubeObject = clone(old);
      next.status = obj.status;
      if (rt.kind === 'Deployment') next.metadata.annotations = meta.annotations;
      if (meta.managedFields) next.metadata.managedFields = meta.managedFields;
      obj = next;
    } else if (rt.subresources.includes('status')) {
      if (old.status === undefined) delete obj.status;
      else obj.status = clone(old.status);
    }
    const m = obj.metadata;
    obj.apiVersion = groupVersion(rt);
    obj.kind = rt.kind;
    m.name = name;
    if (rt.namespaced) m.namespace = old.metadata.namespace;
    for (const k of [
      'uid',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
    ]) {
      if (old.metadata[k] === undefined) delete m[k];
      else m[k] = old.metadata[k];
    }
    const hooks = hooksByKind.get(`${rt.group}/${rt.kind}`);
    if (opts.subresource !== 'status') {
      hooks?.defaults?.(obj, this.ctx, old);
      const causes = hooks?.validate?.(obj, old) ?? [];
      if (causes.length) throw invalid(rt, name, causes);
    }
    if (old.metadata.deletionTimestamp) {
      const added = (m.finalizers ?? []).filter((f: string) => !(old.metadata.finalizers ?? []).includes(f));
      if (added.length) {
        throw invalid(rt, name, [
          {
            reason: 'FieldValueForbidden',
            field: 'metadata.finalizers',
            message: 'Forbidden: no new finalizers can be added if the object is being deleted',
          },
        ]);
      }
    }
    if (opts.subresource !== 'status' && generationChanged(rt, old, obj))
      m.generation = (old.metadata.generation ?? 0) + 1;
    const incoming = body.metadata?.managedFields as ManagedFieldsEntry[] | undefined;
    const base =
      incoming && !jsonEqual(incoming, old.metadata.managedFields) ? incoming : old.metadata.managedFields;
    m.managedFields = opts.managedFields ?? recordUpdate(base, old, obj, this.track(rt, opts));
    if (!m.managedFields.length) delete m.managedFields;
    m.resourceVersion = old.metadata.resourceVersion;
    if (jsonEqual(obj, old)) return { object: old, warnings };
    if (opts.dryRun) return { object: obj, warnings };
    const key = storageKey(rt);
    if (m.deletionTimestamp && rt.kind !== 'Pod' && rt.kind !== 'Namespace' && !(m.finalizers ?? []).length) {
      return { object: this.store.delete(key, m.namespace, name)!, warnings };
    }
    this.store.update(key, obj);
    return { object: obj, warnings };
  }

  /** DELETE: removes an object now, or marks it for deletion (finalizers, grace, namespaces). */
  delete(rt: ResourceType, ns: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    return deleteObject(this, rt, ns, name, opts);
  }
}
