import type { IncomingMessage } from 'node:http';
import type { KubeObject, Loose } from '../types.js';
import type { ResourceType } from './resources.js';
import { groupVersion, storageKey } from './resources.js';
import type { TablePrinter } from './table-printers.js';
import { TABLE_PRINTERS } from './table-printers.js';

/** The Content-Type of Table responses. */
export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/**
 * The printer to use when the request asks for a `meta.k8s.io` Table (what `kubectl get` sends)
 * and the kind has server-side columns; undefined otherwise (plain JSON, which kubectl prints
 * as NAME/AGE).
 */
export function tablePrinterFor(rt: ResourceType, req: IncomingMessage): TablePrinter | undefined {
  const accept = String(req.headers.accept ?? '');
  const wantsTable = accept
    .split(',')
    .some((t) => /;\s*as=Table/.test(t) && /;\s*g=meta\.k8s\.io/.test(t) && /;\s*v=v1(beta1)?\b/.test(t));
  return wantsTable && !rt.custom ? TABLE_PRINTERS[storageKey(rt)] : undefined;
}

/** kubectl's HumanDuration (`5s`, `2m30s`, `3h`, `4d`…) for the span from `from` to `to`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 ? `${minutes}m${seconds % 60}s` : `${minutes}m`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 ? `${Math.floor(hours / 24)}d${hours % 24}h` : `${hours / 24}d`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 ? `${Math.floor(days / 365)}y${days % 365}d` : `${days / 365}y`;
  return `${Math.floor(days / 365)}y`;
}

function rowObject(rt: ResourceType, obj: KubeObject, include: string): Loose {
  if (include === 'None') return undefined;
  if (include === 'Object') return { ...obj, apiVersion: groupVersion(rt), kind: rt.kind };
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** A `meta.k8s.io/v1` Table of `items` (rows with cells and the object as `includeObject` asks). */
export function toTable(
  rt: ResourceType,
  printer: TablePrinter,
  items: KubeObject[],
  listMeta: Loose,
  q: URLSearchParams,
  now: number,
): Loose {
  const age = (ts: string | undefined, until?: string): string =>
    ts ? humanDuration((until ? Date.parse(until) : now) - Date.parse(ts)) : '<unknown>';
  const include = q.get('includeObject') ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.wide ? 1 : 0,
    })),
    rows: items.map((o) => {
      const object = rowObject(rt, o, include);
      return { cells: printer.cells(o, age), ...(object ? { object } : {}) };
    }),
  };
}
