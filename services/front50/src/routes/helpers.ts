import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { JsonObject } from '../object-types.js';

/** Any JSON object body (Spinnaker's free-form maps). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());

/** A query flag: `true`/`false` in any case; absent stays undefined. */
export const queryFlag = z
  .string()
  .regex(/^(true|false)$/i, 'expected true or false')
  .transform((v) => v.toLowerCase() === 'true')
  .optional();

/** `limit` of history endpoints (Spinnaker's default 20). */
export const HistoryQuerySchema = z.looseObject({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
});

/** The user a write is recorded for: the signed `X-SPINNAKER-USER`, or `anonymous`. */
export const userOf = (request: FastifyRequest): string => request.identity.user;

/** Sends stored JSON documents as one array without parsing and re-serialising them. */
export function sendJsonArray(reply: FastifyReply, documents: readonly string[]): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(`[${documents.join(',')}]`);
}

/** Items of index entries. */
export const items = (entries: readonly { item: JsonObject }[]): JsonObject[] => entries.map((e) => e.item);
