import type { Controller } from './controller.js';
import { CONTROLLER_MANAGER } from './controller.js';

const ROOT_CA =
  '-----BEGIN CERTIFICATE-----\nMIIBsandboxGenoaKubeSandboxNotARealCertificate\n-----END CERTIFICATE-----\n';

/**
 * The namespace lifecycle and serviceaccount controllers: new namespaces get a `default`
 * ServiceAccount and the `kube-root-ca.crt` ConfigMap; terminating namespaces are emptied and
 * then removed.
 */
export const namespaceController: Controller = {
  name: 'namespace',
  keysFor(e, ctx) {
    if (e.key === '/namespaces' && e.type !== 'DELETED') return [e.object.metadata.name!];
    const ns = e.object.metadata.namespace;
    if (e.type === 'DELETED' && ns && ctx.store.get('/namespaces', undefined, ns)?.metadata.deletionTimestamp)
      return [ns];
    return [];
  },
  reconcile(name, ctx) {
    const ns = ctx.store.get('/namespaces', undefined, name);
    if (!ns) return;
    if (!ns.metadata.deletionTimestamp) {
      const sa = ctx.type('', 'serviceaccounts');
      if (!ctx.api.find(sa, name, 'default')) {
        ctx.api.create(
          sa,
          name,
          { metadata: { name: 'default' } },
          { fieldManager: 'kube-controller-manager' },
        );
      }
      const cm = ctx.type('', 'configmaps');
      if (!ctx.api.find(cm, name, 'kube-root-ca.crt')) {
        ctx.api.create(
          cm,
          name,
          {
            metadata: {
              name: 'kube-root-ca.crt',
              annotations: {
                'kubernetes.io/description':
                  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
              },
            },
            data: { 'ca.crt': ROOT_CA },
          },
          CONTROLLER_MANAGER,
        );
      }
      return;
    }
    let remaining = 0;
    for (const rt of ctx.api.resources.all()) {
      if (!rt.namespaced) continue;
      for (const o of ctx.store.list(`${rt.group}/${rt.resource}`, name)) {
        remaining++;
        if (!o.metadata.deletionTimestamp) {
          try {
            ctx.api.delete(rt, name, o.metadata.name!, { propagationPolicy: 'Background' });
          } catch {
            // Raced with another deletion.
          }
        }
      }
    }
    if (remaining > 0) {
      ctx.enqueue('namespace', name, 100);
      return;
    }
    ctx.store.delete('/namespaces', undefined, name);
  },
};
