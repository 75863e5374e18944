import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  errorCodeOf,
  ErrorCode,
  httpStatusByCode,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  UpstreamError,
} from './errors.js';

describe('error vocabulary', () => {
  it('maps every code to one HTTP status', () => {
    expect(Object.keys(httpStatusByCode).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(new InputError('x').status).toBe(400);
    expect(new NotFoundError('x').status).toBe(404);
    expect(new ConflictError('x').status).toBe(409);
    expect(new UpstreamError('x', 500).status).toBe(502);
    expect(new ServiceUnavailableError('x').status).toBe(503);
  });

  it('recognises errors by code, also across copies (plain objects carrying the code)', () => {
    expect(errorCodeOf(new NotFoundError('gone'))).toBe('NOT_FOUND');
    expect(errorCodeOf({ code: 'CONFLICT', message: 'copied' })).toBe('CONFLICT');
    expect(errorCodeOf({ code: 'ECONNREFUSED' })).toBeUndefined();
    expect(errorCodeOf('NOT_FOUND')).toBeUndefined();
  });

  it('names errors after their class and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const err = new ServiceUnavailableError('S3 is unreachable', { cause });
    expect(err.name).toBe('ServiceUnavailableError');
    expect(err.cause).toBe(cause);
  });
});
