import type { z } from 'zod';
import { toFieldIssues } from '../../contracts/validation.js';
import type { Identity } from '../../contracts/identity.js';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  InvalidEntityError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  UpstreamError,
  type FieldIssue,
} from '../../errors.js';
import { signIdentity } from '../identity.js';

/** HTTP methods the client speaks. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Options for {@link createServiceClient}. */
export interface ServiceClientOptions {
  /** The called service's name, for messages (`front50`). */
  service: string;
  baseUrl: string;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls on network errors and 502/503/504. */
  retries?: number;
  /** Signs identity headers; without it identity is not sent. */
  internalSecret?: string;
  fetchImpl?: typeof fetch;
}

/** Options of one call. */
export interface CallOptions<S extends z.ZodType | undefined> {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Validates the JSON response; a mismatch is an {@link UpstreamError}. */
  schema?: S;
  /** The identity to act as (signed with the internal secret). */
  identity?: Identity;
  /** Forwarded as `x-request-id`. */
  requestId?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Retry this call even if its method is not idempotent (the callee dedupes). */
  retryUnsafe?: boolean;
}

type Result<S> = S extends z.ZodType ? z.infer<S> : unknown;

/** A typed HTTP client for one service. */
export interface ServiceClient {
  readonly service: string;
  readonly baseUrl: string;
  request<S extends z.ZodType | undefined = undefined>(
    method: HttpMethod,
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
  get<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
  post<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
  put<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
  patch<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
  delete<S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<S>,
  ): Promise<Result<S>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function upstreamMessage(body: unknown, fallback: string): { message: string; issues: FieldIssue[] } {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: unknown };
    const issues = Array.isArray(b.errors)
      ? b.errors.filter(
          (e): e is FieldIssue => typeof e === 'object' && e !== null && 'path' in e && 'message' in e,
        )
      : [];
    if (typeof b.message === 'string' && b.message) return { message: b.message, issues };
  }
  return { message: fallback, issues: [] };
}

/** Turns a non-2xx answer into the matching error of the vocabulary, keeping the callee's message. */
function errorFor(service: string, status: number, body: unknown): Error {
  const { message, issues } = upstreamMessage(body, `${service} answered ${status}`);
  switch (status) {
    case 400:
      return new InputError(message, issues);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 422:
      return new InvalidEntityError(message);
    case 503:
      return new ServiceUnavailableError(`${service} is unavailable: ${message}`);
    default:
      return new UpstreamError(`${service} failed: ${message}`, status);
  }
}

/**
 * A client for service-to-service calls: JSON in and out, per-attempt timeouts, retries with
 * exponential back-off for idempotent calls, `x-request-id` forwarding, signed identity headers,
 * and response validation with zod.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetchImpl ?? fetch;
  const retries = options.retries ?? 2;

  async function request<S extends z.ZodType | undefined>(
    method: HttpMethod,
    path: string,
    call: CallOptions<S> = {},
  ): Promise<Result<S>> {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(call.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.requestId) headers['x-request-id'] = call.requestId;
    if (call.identity && options.internalSecret) {
      Object.assign(headers, signIdentity(call.identity, method, url.pathname, options.internalSecret));
    }
    const attempts = 1 + (IDEMPOTENT.has(method) || call.retryUnsafe ? retries : 0);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(100 * 2 ** (attempt - 1) + Math.random() * 50);
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(call.timeoutMs ?? options.timeoutMs ?? 10_000),
        });
      } catch (err) {
        lastError = new ServiceUnavailableError(
          `${options.service} is unreachable (${method} ${url.pathname}): ${(err as Error).message}`,
          { cause: err },
        );
        continue;
      }
      const text = await response.text();
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      if (!response.ok) {
        lastError = errorFor(options.service, response.status, body);
        if (RETRYABLE_STATUS.has(response.status)) continue;
        throw lastError;
      }
      if (!call.schema) return body as Result<S>;
      const parsed = call.schema.safeParse(body);
      if (!parsed.success) {
        const first = toFieldIssues(parsed.error)[0];
        throw new UpstreamError(
          `${options.service} answered ${method} ${url.pathname} with an unexpected body` +
            (first ? ` (${first.path || '(root)'}: ${first.message})` : ''),
          response.status,
          { cause: parsed.error },
        );
      }
      return parsed.data as Result<S>;
    }
    throw lastError ?? new ServiceUnavailableError(`${options.service} is unreachable`);
  }

  return {
    service: options.service,
    baseUrl: base,
    request,
    get: (path, o) => request('GET', path, o),
    post: (path, o) => request('POST', path, o),
    put: (path, o) => request('PUT', path, o),
    patch: (path, o) => request('PATCH', path, o),
    delete: (path, o) => request('DELETE', path, o),
  };
}
