import type { Loose } from '../types.js';
import type { ResourceRegistry, ResourceType } from './resources.js';
import { groupVersion } from './resources.js';

const COLLECTION_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUB_VERBS = ['get', 'patch', 'update'];

/** `GET /version`. */
export function versionInfo(): Loose {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-genoa-sandbox',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`. */
export function apiVersions(): Loose {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
  };
}

function group(name: string, versions: string[]): Loose {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

/** `GET /apis`. */
export function apiGroupList(registry: ResourceRegistry): Loose {
  const byGroup = new Map<string, string[]>();
  for (const gv of registry.groupVersions()) {
    if (!gv.group) continue;
    const list = byGroup.get(gv.group) ?? [];
    if (!list.includes(gv.version)) list.push(gv.version);
    byGroup.set(gv.group, list);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...byGroup].map(([name, versions]) => group(name, versions)),
  };
}

/** `GET /apis/{group}`, or undefined when the group is not served. */
export function apiGroup(registry: ResourceRegistry, name: string): Loose {
  const versions = registry
    .groupVersions()
    .filter((gv) => gv.group === name)
    .map((gv) => gv.version);
  return versions.length ? { kind: 'APIGroup', apiVersion: 'v1', ...group(name, versions) } : undefined;
}

function entries(rt: ResourceType): Loose[] {
  const main: Loose = {
    name: rt.resource,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: COLLECTION_VERBS,
    ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
    ...(rt.categories ? { categories: rt.categories } : {}),
  };
  const subs = [...rt.subresources].sort().map((s) =>
    s === 'scale'
      ? {
          name: `${rt.resource}/scale`,
          singularName: '',
          namespaced: rt.namespaced,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: SUB_VERBS,
        }
      : {
          name: `${rt.resource}/status`,
          singularName: '',
          namespaced: rt.namespaced,
          kind: rt.kind,
          verbs: SUB_VERBS,
        },
  );
  if (rt.kind === 'Namespace') {
    subs.unshift({
      name: 'namespaces/finalize',
      singularName: '',
      namespaced: false,
      kind: 'Namespace',
      verbs: ['update'],
    });
  }
  if (rt.kind === 'Pod') {
    subs.unshift({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  }
  return [main, ...subs];
}

/** `GET /api/v1` or `/apis/{group}/{version}`, or undefined when not served. */
export function resourceList(registry: ResourceRegistry, groupName: string, version: string): Loose {
  const types = registry
    .all()
    .filter((rt) => rt.group === groupName && rt.version === version)
    .sort((a, b) => (a.resource < b.resource ? -1 : 1));
  if (!types.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group: groupName, version }),
    resources: types.flatMap(entries),
  };
}
