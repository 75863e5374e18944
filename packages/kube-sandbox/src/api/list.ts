import type { FieldRequirement, LabelRequirement } from '../store/selectors.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../store/selectors.js';
import type { Store } from '../store/store.js';
import type { KubeObject, Loose } from '../types.js';
import { badRequest, StatusError } from './errors.js';
import type { ResourceType } from './resources.js';
import { groupVersion, storageKey } from './resources.js';

/** Parsed list/watch filters. */
export interface Filter {
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

/** Parses `labelSelector`/`fieldSelector` (400 on a bad selector). */
export function parseFilter(rt: ResourceType, ns: string | undefined, q: URLSearchParams): Filter {
  try {
    return {
      namespace: rt.namespaced ? ns : undefined,
      labels: parseLabelSelector(q.get('labelSelector')),
      fields: parseFieldSelector(q.get('fieldSelector'), rt.fieldSelectors ?? []),
    };
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

/** True when `obj` passes the filter. */
export function matches(f: Filter, obj: KubeObject): boolean {
  if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
  return matchesLabels(f.labels, obj.metadata.labels) && matchesFields(f.fields, obj);
}

interface ContinueToken {
  rv: number;
  after: string;
}

/** A list response with `limit`/`continue` paging; items omit kind/apiVersion like the real server. */
export function listObjects(store: Store, rt: ResourceType, f: Filter, q: URLSearchParams): Loose {
  let token: ContinueToken | undefined;
  const cont = q.get('continue');
  if (cont) {
    try {
      token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data');
    }
    if (token.rv < store.resourceVersion - 100_000) {
      throw new StatusError(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
  }
  const rvParam = q.get('resourceVersion');
  if (rvParam && rvParam !== '0' && Number(rvParam) > store.resourceVersion && !token) {
    throw new StatusError(
      504,
      'Timeout',
      `Too large resource version: ${rvParam}, current: ${store.resourceVersion}`,
      {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      },
    );
  }
  const all = store.list(storageKey(rt), f.namespace);
  const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const limit = Number(q.get('limit') ?? 0);
  const items: KubeObject[] = [];
  let remaining = 0;
  let last = '';
  for (const o of all) {
    if (token && keyOf(o) <= token.after) continue;
    if (!matches(f, o)) continue;
    if (limit > 0 && items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(o);
    last = keyOf(o);
  }
  const rv = token?.rv ?? store.resourceVersion;
  const metadata: Loose = { resourceVersion: String(rv) };
  if (remaining > 0) {
    metadata.continue = Buffer.from(JSON.stringify({ rv, after: last })).toString('base64url');
    metadata.remainingItemCount = remaining;
  }
  return {
    kind: `${rt.kind}List`,
    apiVersion: groupVersion(rt),
    metadata,
    items: rt.custom ? items : items.map((o) => ({ ...o, kind: undefined, apiVersion: undefined })),
  };
}
