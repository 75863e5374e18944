import type { KubeObject, Loose } from '../types.js';
import { cond, endpointsCell, externalIp, jobStatus, none, podStatus, servicePorts } from './table-cells.js';

/** One Table column: header name, JSON type, and whether it only shows with `-o wide`. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: string;
  description: string;
  wide?: boolean;
}

/** The columns of a kind and how to compute one row's cells (`age` formats a timestamp). */
export interface TablePrinter {
  columns: Column[];
  cells(obj: KubeObject, age: (ts: string | undefined, until?: string) => string): (string | number)[];
}

const col = (name: string, type: Column['type'] = 'string', wide = false): Column => ({
  name,
  type,
  ...(name === 'Name' ? { format: 'name' } : {}),
  description: `${name} of the object`,
  ...(wide ? { wide } : {}),
});
const NAME = col('Name');
const AGE = col('Age');
const labels = (m: Record<string, string> | undefined): string =>
  none(
    Object.entries(m ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );
const containerCols = [
  col('Containers', 'string', true),
  col('Images', 'string', true),
  col('Selector', 'string', true),
];
const containers = (o: KubeObject): string[] => {
  const cs = (o.spec?.template?.spec?.containers ?? []) as Loose[];
  return [
    cs.map((c) => c.name).join(','),
    cs.map((c) => c.image).join(','),
    labels(o.spec?.selector?.matchLabels),
  ];
};

/** Server-side printers (the columns `kubectl get` shows) by `group/resource`. */
export const TABLE_PRINTERS: Record<string, TablePrinter> = {
  '/pods': {
    columns: [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      AGE,
      col('IP', 'string', true),
      col('Node', 'string', true),
      col('Nominated Node', 'string', true),
      col('Readiness Gates', 'string', true),
    ],
    cells(pod, age) {
      const s = podStatus(pod);
      const total = ((pod.spec?.containers ?? []) as Loose[]).length;
      const restarts =
        s.lastRestart && s.restarts ? `${s.restarts} (${age(s.lastRestart)} ago)` : String(s.restarts);
      return [
        pod.metadata.name!,
        `${s.ready}/${total}`,
        s.status,
        restarts,
        age(pod.metadata.creationTimestamp),
        none(pod.status?.podIP),
        none(pod.spec?.nodeName),
        none(pod.status?.nominatedNodeName),
        '<none>',
      ];
    },
  },
  'apps/deployments': {
    columns: [
      NAME,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      AGE,
      ...containerCols,
    ],
    cells: (d, age) => [
      d.metadata.name!,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp),
      ...containers(d),
    ],
  },
  'apps/replicasets': {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      AGE,
      ...containerCols,
    ],
    cells: (r, age) => [
      r.metadata.name!,
      r.spec?.replicas ?? 0,
      r.status?.replicas ?? 0,
      r.status?.readyReplicas ?? 0,
      age(r.metadata.creationTimestamp),
      ...containers(r),
    ],
  },
  'apps/statefulsets': {
    columns: [NAME, col('Ready'), AGE, col('Containers', 'string', true), col('Images', 'string', true)],
    cells: (s, age) => [
      s.metadata.name!,
      `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
      age(s.metadata.creationTimestamp),
      ...containers(s).slice(0, 2),
    ],
  },
  'apps/daemonsets': {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Node Selector'),
      AGE,
      ...containerCols,
    ],
    cells: (d, age) => {
      const st = d.status ?? {};
      return [
        d.metadata.name!,
        st.desiredNumberScheduled ?? 0,
        st.currentNumberScheduled ?? 0,
        st.numberReady ?? 0,
        st.updatedNumberScheduled ?? 0,
        st.numberAvailable ?? 0,
        labels(d.spec?.template?.spec?.nodeSelector),
        age(d.metadata.creationTimestamp),
        ...containers(d),
      ];
    },
  },
  'batch/jobs': {
    columns: [NAME, col('Status'), col('Completions'), col('Duration'), AGE, ...containerCols],
    cells: (j, age) => {
      const start = j.status?.startTime as string | undefined;
      const duration = start ? age(start, j.status?.completionTime) : '';
      const completions =
        j.spec?.completions !== undefined
          ? `${j.status?.succeeded ?? 0}/${j.spec.completions}`
          : `${j.status?.succeeded ?? 0}/1 of ${j.spec?.parallelism ?? 1}`;
      return [
        j.metadata.name!,
        jobStatus(j),
        completions,
        duration,
        age(j.metadata.creationTimestamp),
        ...containers(j),
      ];
    },
  },
  '/services': {
    columns: [
      NAME,
      col('Type'),
      col('Cluster-IP'),
      col('External-IP'),
      col('Port(s)'),
      AGE,
      col('Selector', 'string', true),
    ],
    cells: (s, age) => [
      s.metadata.name!,
      s.spec?.type ?? 'ClusterIP',
      none(s.spec?.clusterIP),
      externalIp(s),
      servicePorts(s),
      age(s.metadata.creationTimestamp),
      labels(s.spec?.selector),
    ],
  },
  '/namespaces': {
    columns: [NAME, col('Status'), AGE],
    cells: (n, age) => [n.metadata.name!, n.status?.phase ?? 'Active', age(n.metadata.creationTimestamp)],
  },
  '/configmaps': {
    columns: [NAME, col('Data', 'integer'), AGE],
    cells: (c, age) => [
      c.metadata.name!,
      Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length,
      age(c.metadata.creationTimestamp),
    ],
  },
  '/secrets': {
    columns: [NAME, col('Type'), col('Data', 'integer'), AGE],
    cells: (s, age) => [
      s.metadata.name!,
      s.type ?? 'Opaque',
      Object.keys(s.data ?? {}).length,
      age(s.metadata.creationTimestamp),
    ],
  },
  '/endpoints': {
    columns: [NAME, col('Endpoints'), AGE],
    cells: (e, age) => [e.metadata.name!, endpointsCell(e), age(e.metadata.creationTimestamp)],
  },
  '/serviceaccounts': {
    columns: [NAME, col('Secrets', 'integer'), AGE],
    cells: (s, age) => [
      s.metadata.name!,
      ((s.secrets ?? []) as Loose[]).length,
      age(s.metadata.creationTimestamp),
    ],
  },
  '/nodes': {
    columns: [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', true),
      col('External-IP', 'string', true),
      col('OS-Image', 'string', true),
      col('Kernel-Version', 'string', true),
      col('Container-Runtime', 'string', true),
    ],
    cells: (n, age) => {
      const status = `${cond(n, 'Ready') ? 'Ready' : 'NotReady'}${n.spec?.unschedulable ? ',SchedulingDisabled' : ''}`;
      const roles = Object.keys(n.metadata.labels ?? {})
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort();
      const address = (t: string): string =>
        none(((n.status?.addresses ?? []) as Loose[]).find((a) => a.type === t)?.address);
      const info = n.status?.nodeInfo ?? {};
      return [
        n.metadata.name!,
        status,
        none(roles.join(',')),
        age(n.metadata.creationTimestamp),
        info.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
  },
};
