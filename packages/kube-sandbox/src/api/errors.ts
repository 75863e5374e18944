import type { ResourceType } from './resources.js';
import { qualifiedKind, qualifiedResource } from './resources.js';
import type { Loose } from '../types.js';

/** A `metav1.Status` cause. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
  type?: string;
}

/** An API error that renders as a Kubernetes `Status` object. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, Loose>,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The wire body. */
  toStatus(): Loose {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const named = (rt: ResourceType, name: string): Record<string, Loose> => ({
  name,
  ...(rt.group ? { group: rt.group } : {}),
  kind: rt.resource,
});

/** 404 for a missing object. */
export function notFound(rt: ResourceType, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(rt)} "${name}" not found`, named(rt, name));
}

/** 404 for an unknown path. */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409 AlreadyExists. */
export function alreadyExists(rt: ResourceType, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualifiedResource(rt)} "${name}" already exists`,
    named(rt, name),
  );
}

/** 409 Conflict (stale resourceVersion or failed precondition). */
export function conflict(rt: ResourceType, name: string, why: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name}": ${why}`,
    named(rt, name),
  );
}

/** The standard stale-object message. */
export const MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid with field causes. */
export function invalid(rt: ResourceType, name: string, causes: StatusCause[]): StatusError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  const list = causes.length > 1 ? `[${text}]` : text;
  return new StatusError(422, 'Invalid', `${qualifiedKind(rt)} "${name}" is invalid: ${list}`, {
    name,
    ...(rt.group ? { group: rt.group } : {}),
    kind: rt.kind,
    causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

/** A cause for {@link invalid}: `Invalid value: <v>: <detail>`. */
export function invalidValue(field: string, value: unknown, detail: string): StatusCause {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${shown}: ${detail}` };
}

/** A cause for {@link invalid}: `Required value`. */
export function requiredValue(field: string, detail?: string): StatusCause {
  return { reason: 'FieldValueRequired', field, message: `Required value${detail ? `: ${detail}` : ''}` };
}

/** 400 BadRequest. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/** 403 Forbidden. */
export function forbidden(rt: ResourceType, name: string, why: string, causes?: StatusCause[]): StatusError {
  return new StatusError(403, 'Forbidden', `${qualifiedResource(rt)} "${name}" is forbidden: ${why}`, {
    ...named(rt, name),
    ...(causes ? { causes } : {}),
  });
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(method: string): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
    {
      causes: [{ message: method }],
    },
  );
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(contentType: string, accepted?: string, detail?: string): StatusError {
  const types =
    accepted ?? 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${types} (got ${contentType}${detail ? `: ${detail}` : ''})`,
  );
}

/** 410 Expired. */
export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}
