import type { StatusCause } from '../api/errors.js';
import { invalidValue } from '../api/errors.js';
import type { Loose } from '../types.js';
import type { KindHooks } from './hooks.js';
import { defaultPodSpec, qosClass } from './pod-spec.js';

/** core/v1 Pod defaults (admission included) and initial status. */
export const podHooks: KindHooks = {
  group: '',
  kind: 'Pod',
  defaults(obj, _ctx, old) {
    obj.spec ??= {};
    defaultPodSpec(obj.spec, true);
    if (!old) {
      obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec) };
    }
  },
};

/** core/v1 Service defaults, ClusterIP allocation and immutability. */
export const serviceHooks: KindHooks = {
  group: '',
  kind: 'Service',
  defaults(obj, ctx, old) {
    const spec = (obj.spec ??= {});
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.type !== 'ExternalName') {
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
      if (old?.spec?.clusterIP && spec.clusterIP === undefined) spec.clusterIP = old.spec.clusterIP;
      if (!spec.clusterIP) spec.clusterIP = ctx.allocateClusterIP();
      spec.clusterIPs ??= [spec.clusterIP];
    }
    for (const p of (spec.ports ?? []) as Loose[]) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
    if (!old) obj.status = { loadBalancer: {} };
  },
  validate(obj, old) {
    const causes: StatusCause[] = [];
    if (old?.spec?.clusterIP && obj.spec?.clusterIP !== old.spec.clusterIP) {
      causes.push(invalidValue('spec.clusterIPs[0]', obj.spec?.clusterIP, 'may not change once set'));
    }
    return causes;
  },
};

/** core/v1 Secret defaults: `type: Opaque`, `stringData` folded into base64 `data`. */
export const secretHooks: KindHooks = {
  group: '',
  kind: 'Secret',
  defaults(obj) {
    obj.type ??= 'Opaque';
    if (obj.stringData && typeof obj.stringData === 'object') {
      obj.data ??= {};
      for (const [k, v] of Object.entries(obj.stringData as Record<string, string>)) {
        obj.data[k] = Buffer.from(String(v)).toString('base64');
      }
      delete obj.stringData;
    }
  },
};

/** core/v1 Namespace defaults. */
export const namespaceHooks: KindHooks = {
  group: '',
  kind: 'Namespace',
  defaults(obj, _ctx, old) {
    obj.metadata.labels = {
      ...(obj.metadata.labels ?? {}),
      'kubernetes.io/metadata.name': obj.metadata.name!,
    };
    obj.spec ??= {};
    obj.spec.finalizers ??= ['kubernetes'];
    if (!old) obj.status = { phase: 'Active' };
  },
};
