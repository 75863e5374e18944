import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store, StoreEvent } from '../store/store.js';
import type { KubeObject } from '../types.js';
import { expired } from './errors.js';
import type { Filter } from './list.js';
import { matches } from './list.js';
import type { ResourceType } from './resources.js';
import { groupVersion, storageKey } from './resources.js';

const serialized = new WeakMap<KubeObject, string>();

function json(obj: KubeObject): string {
  let s = serialized.get(obj);
  if (s === undefined) serialized.set(obj, (s = JSON.stringify(obj)));
  return s;
}

/** Options of the watch server. */
export interface WatchServerOptions {
  /** Interval between bookmarks when the client allows them. */
  bookmarkIntervalMs: number;
  /** Server-side cap on a watch's duration when the client gives no timeoutSeconds. */
  maxWatchSeconds: number;
}

/** How watch event objects are rendered instead of plain JSON (e.g. as Tables). */
export interface WatchRender {
  contentType: string;
  object(obj: KubeObject): unknown;
}

/**
 * Serves one watch: newline-delimited JSON events, headers flushed at once, synthetic ADDED
 * events for `resourceVersion` unset/0, replay from history otherwise, selector transitions as
 * ADDED/DELETED, bookmarks, `timeoutSeconds`, and an in-stream 410 Expired for compacted history.
 */
export function serveWatch(
  store: Store,
  rt: ResourceType,
  filter: Filter,
  q: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  opts: WatchServerOptions,
  render?: WatchRender,
): void {
  const key = storageKey(rt);
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  res.writeHead(200, {
    'Content-Type': render?.contentType ?? 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  let lastRv = store.resourceVersion;
  const write = (type: string, obj: KubeObject): void => {
    const body = render ? JSON.stringify(render.object(obj)) : json(obj);
    res.write(`{"type":"${type}","object":${body}}\n`);
  };
  const bookmark = (extra: Record<string, string> = {}): void => {
    const object = {
      kind: rt.kind,
      apiVersion: groupVersion(rt),
      metadata: {
        resourceVersion: String(lastRv),
        ...(Object.keys(extra).length ? { annotations: extra } : {}),
      },
    };
    res.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
  };
  const deliver = (e: StoreEvent): void => {
    lastRv = e.rv;
    const now = matches(filter, e.object);
    if (e.type === 'ADDED') {
      if (now) write('ADDED', e.object);
    } else if (e.type === 'DELETED') {
      if (matches(filter, e.old ?? e.object)) write('DELETED', e.object);
    } else {
      const before = e.old ? matches(filter, e.old) : now;
      if (before && now) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    }
  };
  const rvParam = q.get('resourceVersion');
  const initial = q.get('sendInitialEvents') === 'true';
  if (!rvParam || rvParam === '0' || initial) {
    for (const o of store.list(key, filter.namespace)) if (matches(filter, o)) write('ADDED', o);
    if (initial) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const rv = Number(rvParam);
    const history = store.since(key, Number.isFinite(rv) ? rv : 0);
    if ('expired' in history) {
      const status = expired(`too old resource version: ${rvParam} (${history.oldest})`).toStatus();
      res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }
    for (const e of history.events) deliver(e);
  }
  const unsubscribe = store.subscribe((e) => {
    if (e.key === key) deliver(e);
    else lastRv = e.rv;
  });
  const timers: NodeJS.Timeout[] = [];
  const close = (): void => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
  };
  const timeout = Number(q.get('timeoutSeconds') ?? 0) || opts.maxWatchSeconds;
  timers.push(
    setTimeout(() => {
      if (bookmarks) bookmark();
      close();
      res.end();
    }, timeout * 1000),
  );
  if (bookmarks) {
    const tick = setInterval(() => bookmark(), opts.bookmarkIntervalMs);
    timers.push(tick as unknown as NodeJS.Timeout);
  }
  res.on('close', close);
}
