/**
 * The closed error vocabulary of Genoa. Each error has a stable `code`; one table maps codes to
 * HTTP statuses. Recognise errors with {@link errorCodeOf} (by code/name), not only `instanceof`,
 * so they survive duplicate package copies and serialisation.
 */

/** A field-level problem in a request body, message or config: where (`path`) and what. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Every error code Genoa uses. */
export const ErrorCode = {
  INPUT: 'INPUT',
  INVALID_ENTITY: 'INVALID_ENTITY',
  AUTHENTICATION: 'AUTHENTICATION',
  NOT_ALLOWED: 'NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UPSTREAM: 'UPSTREAM',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  INTERNAL: 'INTERNAL',
} as const;
/** See {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one table from error code to HTTP status. */
export const httpStatusByCode: Readonly<Record<ErrorCode, number>> = Object.freeze({
  INPUT: 400,
  INVALID_ENTITY: 422,
  AUTHENTICATION: 401,
  NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UPSTREAM: 502,
  SERVICE_UNAVAILABLE: 503,
  NOT_IMPLEMENTED: 501,
  INTERNAL: 500,
});

/** The base of every Genoa error: a message, a stable code, an optional cause. */
export abstract class GenoaError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
  /** The HTTP status this error maps to. */
  get status(): number {
    return httpStatusByCode[this.code];
  }
}

/** The caller sent something invalid (a body, a query, a message); carries field paths. 400. */
export class InputError extends GenoaError {
  readonly code = ErrorCode.INPUT;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The entity is well-formed but breaks a rule that makes it unusable (Front50's 422). */
export class InvalidEntityError extends GenoaError {
  readonly code = ErrorCode.INVALID_ENTITY;
}

/** No valid credentials were presented. 401. */
export class AuthenticationError extends GenoaError {
  readonly code = ErrorCode.AUTHENTICATION;
}

/** The caller is known but lacks the permission. 403. */
export class NotAllowedError extends GenoaError {
  readonly code = ErrorCode.NOT_ALLOWED;
}

/** The named thing does not exist. 404. */
export class NotFoundError extends GenoaError {
  readonly code = ErrorCode.NOT_FOUND;
}

/** The request conflicts with current state (stale write, duplicate, wrong state). 409. */
export class ConflictError extends GenoaError {
  readonly code = ErrorCode.CONFLICT;
}

/** The request body is larger than allowed. 413. */
export class PayloadTooLargeError extends GenoaError {
  readonly code = ErrorCode.PAYLOAD_TOO_LARGE;
}

/** A service we called answered with an error or an unexpected shape. 502. */
export class UpstreamError extends GenoaError {
  readonly code = ErrorCode.UPSTREAM;
  constructor(
    message: string,
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A dependency we need is unreachable or not ready (Redis, S3, another service). 503. */
export class ServiceUnavailableError extends GenoaError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
}

/** The feature exists in Spinnaker but not (yet) here. 501. */
export class NotImplementedError extends GenoaError {
  readonly code = ErrorCode.NOT_IMPLEMENTED;
}

const knownCodes = new Set<string>(Object.values(ErrorCode));

/** The Genoa error code of any thrown value, by its `code` field, or undefined for foreign errors. */
export function errorCodeOf(err: unknown): ErrorCode | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && knownCodes.has(code) ? (code as ErrorCode) : undefined;
}
