import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, Loose } from '../types.js';
import { clone, isObject } from '../types.js';
import type { StatusError } from './errors.js';
import { badRequest, methodNotAllowed, pathNotFound, unsupportedMediaType } from './errors.js';
import { listObjects, matches, parseFilter } from './list.js';
import type { DeleteOptions, ObjectApi, WriteOptions } from './object-api.js';
import { applyPatchBody, patchObject, scaleOf, writeScale } from './object-patch.js';
import type { ResourceType } from './resources.js';
import type { FieldValidation } from './validation.js';
import type { WatchServerOptions } from './watch.js';
import { serveWatch } from './watch.js';
import { TABLE_CONTENT_TYPE, tablePrinterFor, toTable } from './table.js';
import { decodeKubernetesProtobuf } from '../protobuf/decode.js';
import { ProtobufError } from '../protobuf/wire.js';

/** A parsed resource request. */
export interface ResourceRequest {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watch: boolean;
}

/** What a handler answers (the server serialises it). */
export interface Reply {
  code: number;
  body: Loose;
  warnings?: string[];
  contentType?: string;
}

function dryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  if (!v.length) return false;
  if (v.every((x) => x === 'All')) return true;
  throw badRequest(`Invalid dry run value: ${v.join(',')}`);
}

function writeOptions(q: URLSearchParams, req: IncomingMessage, subresource?: string): WriteOptions {
  const ua = String(req.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
  const fv = q.get('fieldValidation');
  if (fv && !['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${fv}"`);
  }
  return {
    fieldManager: q.get('fieldManager') ?? ua,
    fieldValidation: (fv as FieldValidation | null) ?? 'Warn',
    dryRun: dryRun(q),
    ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
  };
}

function parseBody(text: string): Loose {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

function deleteOptions(q: URLSearchParams, text: string): DeleteOptions {
  const body = text ? parseBody(text) : {};
  const opts: DeleteOptions = isObject(body) ? clone(body) : {};
  const pp = q.get('propagationPolicy');
  if (pp) opts.propagationPolicy = pp as DeleteOptions['propagationPolicy'];
  if (q.get('gracePeriodSeconds')) opts.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  if (q.get('orphanDependents') === 'true') opts.propagationPolicy ??= 'Orphan';
  if (dryRun(q) || (Array.isArray(body?.dryRun) && body.dryRun.includes('All'))) opts.dryRun = true;
  if (opts.propagationPolicy && !['Foreground', 'Background', 'Orphan'].includes(opts.propagationPolicy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${opts.propagationPolicy}"`);
  }
  return opts;
}

function successStatus(rt: ResourceType, obj: KubeObject): Loose {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: obj.metadata.name,
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.resource,
      uid: obj.metadata.uid,
    },
  };
}

/**
 * The request body as JSON text. Protobuf bodies (what kubectl's typed generators such as
 * `kubectl create namespace|configmap|deployment` send) are decoded for the kinds in
 * `protobuf/messages.ts`; other protobuf and CBOR bodies get 415.
 */
function requestText(body: Buffer, contentType: string, method: string): string {
  if (!body.length) return '';
  if (contentType === 'application/vnd.kubernetes.protobuf' && (method === 'POST' || method === 'PUT')) {
    try {
      return JSON.stringify(decodeKubernetesProtobuf(body));
    } catch (err) {
      if (!(err instanceof ProtobufError)) throw err;
      throw unsupportedMediaType(contentType, JSON_BODIES, err.message);
    }
  }
  if (/protobuf|cbor/.test(contentType)) throw unsupportedMediaType(contentType, JSON_BODIES);
  return body.toString('utf8');
}

const JSON_BODIES = 'application/json, application/yaml';

/** Handles one resource request; returns undefined when it streamed a watch itself. */
export function handleResource(
  api: ObjectApi,
  r: ResourceRequest,
  method: string,
  q: URLSearchParams,
  body: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
  watchOpts: WatchServerOptions,
): Reply | undefined {
  const { rt, namespace: ns, name, subresource: sub } = r;
  const contentType = String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]!
    .trim();
  const text = requestText(body, contentType, method);
  if (!name) {
    const filter = parseFilter(rt, ns, q);
    if (method === 'GET') {
      const printer = tablePrinterFor(rt, req);
      if (r.watch || q.get('watch') === 'true' || q.get('watch') === '1') {
        const render = printer && {
          contentType: TABLE_CONTENT_TYPE,
          object: (o: KubeObject) =>
            toTable(rt, printer, [o], { resourceVersion: o.metadata.resourceVersion }, q, api.clock.now()),
        };
        serveWatch(api.store, rt, filter, q, req, res, watchOpts, render);
        return undefined;
      }
      const list = listObjects(api.store, rt, filter, q);
      if (!printer) return { code: 200, body: list };
      const table = toTable(rt, printer, list.items, list.metadata, q, api.clock.now());
      return { code: 200, body: table, contentType: TABLE_CONTENT_TYPE };
    }
    if (method === 'POST') {
      const { object, warnings } = api.create(rt, ns, parseBody(text), writeOptions(q, req));
      return { code: 201, body: object, warnings };
    }
    if (method === 'DELETE') {
      const opts = deleteOptions(q, text);
      const targets = api.store.list(`${rt.group}/${rt.resource}`, ns).filter((o) => matches(filter, o));
      const items = targets.map((o) => api.delete(rt, o.metadata.namespace, o.metadata.name!, opts).object);
      return { code: 200, body: { kind: `${rt.kind}List`, apiVersion: 'v1', metadata: {}, items } };
    }
    throw methodNotAllowed(method);
  }
  if (sub === 'scale') {
    if (!rt.subresources.includes('scale')) throw pathNotFound();
    const parent = api.get(rt, ns, name);
    if (method === 'GET') return { code: 200, body: scaleOf(parent) };
    const opts = writeOptions(q, req);
    if (method === 'PUT') return { code: 200, body: writeScale(api, rt, ns, name, parseBody(text), opts) };
    if (method === 'PATCH') {
      const patched = applyPatchBody(rt, scaleOf(parent), contentType, text);
      return { code: 200, body: writeScale(api, rt, ns, name, patched, opts) };
    }
    throw methodNotAllowed(method);
  }
  if (sub === 'finalize' && rt.kind === 'Namespace' && method === 'PUT') {
    const body = parseBody(text);
    const next = clone(api.get(rt, undefined, name));
    next.spec = { ...(next.spec ?? {}), finalizers: body?.spec?.finalizers ?? [] };
    return { code: 200, body: api.update(rt, undefined, name, next, writeOptions(q, req)).object };
  }
  if (sub === 'log' && rt.kind === 'Pod' && method === 'GET') {
    const pod = api.get(rt, ns, name);
    const lines = [
      `sandbox: pod ${pod.metadata.name} started`,
      `sandbox: image ${pod.spec?.containers?.[0]?.image ?? ''}`,
    ];
    return { code: 200, body: `${lines.join('\n')}\n`, contentType: 'text/plain' };
  }
  if (sub && !(sub === 'status' && rt.subresources.includes('status'))) throw pathNotFound();
  switch (method) {
    case 'GET': {
      const obj = api.get(rt, ns, name);
      const printer = sub ? undefined : tablePrinterFor(rt, req);
      if (!printer) return { code: 200, body: obj };
      const meta = { resourceVersion: obj.metadata.resourceVersion };
      return {
        code: 200,
        body: toTable(rt, printer, [obj], meta, q, api.clock.now()),
        contentType: TABLE_CONTENT_TYPE,
      };
    }
    case 'PUT': {
      const { object, warnings } = api.update(rt, ns, name, parseBody(text), writeOptions(q, req, sub));
      return { code: 200, body: object, warnings };
    }
    case 'PATCH': {
      const opts = writeOptions(q, req, sub);
      const force = q.get('force') === 'true';
      const result = patchObject(api, rt, ns, name, contentType, text, {
        ...opts,
        force,
        fieldManagerGiven: q.has('fieldManager'),
      });
      return { code: result.created ? 201 : 200, body: result.object, warnings: result.warnings };
    }
    case 'DELETE': {
      const opts = deleteOptions(q, text);
      const result = api.delete(rt, ns, name, opts);
      return { code: 200, body: result.gone ? successStatus(rt, result.object) : result.object };
    }
    default:
      throw methodNotAllowed(method);
  }
}

/** Renders an error reply. */
export function errorReply(err: StatusError): Reply {
  return { code: err.code, body: err.toStatus() };
}
