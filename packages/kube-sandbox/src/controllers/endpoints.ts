import { selectorMatches } from '../store/selectors.js';
import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, keyOf, splitKey } from './controller.js';
import { isReady } from './pods.js';

const SERVICE_NAME = 'kubernetes.io/service-name';

function servicesFor(ctx: ControllerContext, pod: KubeObject): KubeObject[] {
  return ctx.store
    .list('/services', pod.metadata.namespace)
    .filter(
      (s) =>
        s.spec?.selector &&
        Object.keys(s.spec.selector).length &&
        selectorMatches({ matchLabels: s.spec.selector }, pod.metadata.labels),
    );
}

function resolvePort(port: Loose, pods: KubeObject[]): number {
  if (typeof port.targetPort === 'number') return port.targetPort;
  for (const p of pods) {
    for (const c of (p.spec?.containers ?? []) as Loose[]) {
      const found = ((c.ports ?? []) as Loose[]).find((x) => x.name === port.targetPort);
      if (found) return found.containerPort;
    }
  }
  return Number(port.targetPort) || port.port;
}

function upsert(
  ctx: ControllerContext,
  group: string,
  resource: string,
  ns: string,
  existing: KubeObject | undefined,
  body: Loose,
): void {
  const rt = ctx.type(group, resource);
  if (!existing) {
    ctx.api.create(rt, ns, body, CONTROLLER_MANAGER);
    return;
  }
  const next = {
    ...clone(existing),
    ...body,
    metadata: { ...clone(existing.metadata), labels: body.metadata.labels },
  };
  ctx.api.update(rt, ns, existing.metadata.name!, next, CONTROLLER_MANAGER);
}

/** The endpoints and endpointslice controllers: ready and unready pod addresses per Service. */
export const endpointsController: Controller = {
  name: 'endpoints',
  keysFor(e, ctx) {
    if (e.key === '/services') return [keyOf(e.object)];
    if (e.key !== '/pods') return [];
    const keys = new Set(servicesFor(ctx, e.object).map(keyOf));
    if (e.old) for (const s of servicesFor(ctx, e.old)) keys.add(keyOf(s));
    return [...keys];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('/services', ns, name);
    const ep = ctx.store.get('/endpoints', ns, name);
    const slices = ctx.store
      .list('discovery.k8s.io/endpointslices', ns)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME] === name);
    if (!svc) {
      if (ep) ctx.api.delete(ctx.type('', 'endpoints'), ns, name);
      return;
    }
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) return;
    const pods = ctx.store
      .list('/pods', ns)
      .filter(
        (p) =>
          p.status?.podIP &&
          !p.metadata.deletionTimestamp &&
          selectorMatches({ matchLabels: selector }, p.metadata.labels),
      );
    const address = (p: KubeObject): Loose => ({
      ip: p.status.podIP,
      nodeName: p.spec.nodeName,
      targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
    });
    const ports = ((svc.spec.ports ?? []) as Loose[]).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: resolvePort(p, pods),
      protocol: p.protocol ?? 'TCP',
    }));
    const ready = pods.filter(isReady).map(address);
    const unready = pods.filter((p) => !isReady(p)).map(address);
    const subsets = pods.length
      ? [
          {
            ...(ready.length ? { addresses: ready } : {}),
            ...(unready.length ? { notReadyAddresses: unready } : {}),
            ports,
          },
        ]
      : undefined;
    const labels = {
      ...(svc.metadata.labels ?? {}),
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    };
    upsert(ctx, '', 'endpoints', ns!, ep, {
      metadata: { name, namespace: ns, labels },
      ...(subsets ? { subsets } : { subsets: undefined }),
    });
    const sliceBody: Loose = {
      metadata: {
        ...(slices[0] ? {} : { generateName: `${name}-` }),
        namespace: ns,
        labels: {
          ...(svc.metadata.labels ?? {}),
          [SERVICE_NAME]: name,
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name,
            uid: svc.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: pods.map((p) => ({
        addresses: [p.status.podIP],
        conditions: { ready: isReady(p), serving: isReady(p), terminating: false },
        nodeName: p.spec.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      })),
      ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
    };
    upsert(ctx, 'discovery.k8s.io', 'endpointslices', ns!, slices[0], sliceBody);
  },
};
