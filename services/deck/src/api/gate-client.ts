import { ErrorBodySchema, type ErrorBody } from '@genoa/shared';
import type { z } from 'zod';

/** Where the browser reaches gate: deck's same-origin proxy (Spinnaker's `SETTINGS.gateUrl`). */
export const GATE_BASE_URL = '/gate';

/** Gate's CSRF cookie and the header that echoes it on unsafe calls made with a session. */
const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'x-xsrf-token';

/** The CSRF token from gate's cookie, if a session set one. */
export function csrfToken(
  cookies: string = typeof document === 'undefined' ? '' : document.cookie,
): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** How long one gate call may take before it is abandoned. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** Why a gate call failed, in terms the UI can explain. */
export type GateErrorKind = 'unreachable' | 'timeout' | 'http' | 'invalid-response';

/** A failed gate call: what kind of failure, the HTTP status if any, and gate's error body if it sent one. */
export class GateError extends Error {
  constructor(
    message: string,
    readonly kind: GateErrorKind,
    readonly path: string,
    readonly status?: number,
    readonly body?: ErrorBody,
    options?: { cause?: unknown },
    /** The HTTP method of the failed call. */
    readonly method: string = 'GET',
  ) {
    super(message, options);
    this.name = 'GateError';
  }

  /** The id to quote when asking an operator to find this call in the logs. */
  get requestId(): string | undefined {
    return this.body?.requestId;
  }
}

/** GETs started ahead of the screen that will read them (see {@link primeGet}). */
const primed = new Map<string, Promise<Response>>();

/**
 * Starts `GET path` now, before the screen that reads it has loaded, so the answer downloads while
 * the screen's code does; the next {@link gateGet} of the same path takes it (once, within 10 s).
 */
export function primeGet(path: string): void {
  if (primed.has(path)) return;
  const request = fetch(`${GATE_BASE_URL}${path}`, {
    headers: { accept: 'application/json' },
    credentials: 'include',
  });
  request.catch(() => undefined);
  primed.set(path, request);
  setTimeout(() => {
    if (primed.get(path) === request) primed.delete(path);
  }, 10_000);
}

/** `request`, or a rejection as soon as `signal` aborts (a primed request ignores the caller's signal). */
function untilAborted(request: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    request.then(resolve, reject);
  });
}

function takePrimed(path: string): Promise<Response> | undefined {
  const request = primed.get(path);
  primed.delete(path);
  return request;
}

/** Options for {@link gateGet} and {@link gateSend}. */
export interface GateGetOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Non-2xx statuses whose body is still a valid answer (e.g. 503 from `/health`). */
  acceptStatuses?: readonly number[];
}

/** Statuses deck's proxy (or a load balancer) answers with when gate itself did not answer. */
const proxyStatuses = new Set([502, 503, 504]);

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * GETs `path` from gate and parses the JSON answer with `schema`. Every failure becomes a
 * {@link GateError}: network failures and the proxy's 502/503/504 are `unreachable`, other non-2xx
 * answers are `http` (with gate's error body when it sent one), and a body that does not match
 * `schema` is `invalid-response`. Cookies are sent, as Spinnaker's deck does (`withCredentials`).
 */
export function gateGet<S extends z.ZodType>(
  path: string,
  schema: S,
  options: GateGetOptions = {},
): Promise<z.infer<S>> {
  return gateRequest('GET', path, undefined, schema, options);
}

/** The methods deck changes state with. */
export type GateWriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends `body` as JSON to gate with `method` and parses the answer with `schema`; failures become
 * {@link GateError}s exactly as for {@link gateGet}. An empty answer parses as `undefined`.
 */
export function gateSend<S extends z.ZodType>(
  method: GateWriteMethod,
  path: string,
  body: unknown,
  schema: S,
  options: GateGetOptions = {},
): Promise<z.infer<S>> {
  return gateRequest(method, path, body, schema, options);
}

async function gateRequest<S extends z.ZodType>(
  method: 'GET' | GateWriteMethod,
  path: string,
  body: unknown,
  schema: S,
  options: GateGetOptions,
): Promise<z.infer<S>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Gate's session login sets a CSRF cookie that unsafe calls must echo (double-submit).
  const csrf = method === 'GET' ? undefined : csrfToken();
  if (csrf) headers[CSRF_HEADER] = csrf;
  let response: Response;
  try {
    const early = method === 'GET' ? takePrimed(path) : undefined;
    response = await (early
      ? untilAborted(early, signal)
      : fetch(`${GATE_BASE_URL}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          credentials: 'include',
          signal,
        }));
  } catch (err) {
    if (options.signal?.aborted) throw err;
    if (timeout.aborted) {
      throw new GateError(
        `gate did not answer ${path} in time`,
        'timeout',
        path,
        undefined,
        undefined,
        {
          cause: err,
        },
        method,
      );
    }
    throw new GateError(
      `could not reach deck's gate proxy for ${path}`,
      'unreachable',
      path,
      undefined,
      undefined,
      {
        cause: err,
      },
      method,
    );
  }

  const payload = await readJson(response);
  const parsed = schema.safeParse(payload);
  if (!response.ok && !(parsed.success && options.acceptStatuses?.includes(response.status))) {
    const parsedError = ErrorBodySchema.safeParse(payload);
    const errorBody = parsedError.success ? parsedError.data : undefined;
    const fromGate = errorBody !== undefined && errorBody.code !== 'UPSTREAM';
    const kind: GateErrorKind = proxyStatuses.has(response.status) && !fromGate ? 'unreachable' : 'http';
    const reason = errorBody?.message ?? (response.statusText || `HTTP ${response.status}`);
    throw new GateError(reason, kind, path, response.status, errorBody, undefined, method);
  }

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new GateError(
      `unexpected answer from gate for ${path}: ${where}${issue?.message ?? 'invalid'}`,
      'invalid-response',
      path,
      response.status,
      undefined,
      { cause: parsed.error },
      method,
    );
  }
  return parsed.data;
}
