import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseOrThrow } from '../../contracts/validation.js';

/** The request body parsed with `schema`; a mismatch is a 400 naming each invalid field. */
export const parseBody = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> =>
  parseOrThrow(schema, request.body, 'request body');

/** The query string parsed with `schema` (400 on mismatch). */
export const parseQuery = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> =>
  parseOrThrow(schema, request.query, 'query');

/** The path parameters parsed with `schema` (400 on mismatch). */
export const parseParams = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> =>
  parseOrThrow(schema, request.params, 'path parameters');
