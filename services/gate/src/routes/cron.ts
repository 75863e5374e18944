import { InputError } from '@genoa/shared';
import { parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Query = z.object({ expression: z.string().min(1).max(500) });
const EchoAnswer = z.looseObject({ description: z.string().optional() });

/** `GET /cron/validate?expression=`: echo's check as `{valid: true, description}` or `{valid: false, message}`. */
export function cronRoutes(app: FastifyInstance, ctx: GateContext): void {
  app.get(
    '/cron/validate',
    doc({ summary: 'Validate a cron trigger expression', tags: ['cron'], query: Query }),
    async (request) => {
      const { expression } = parseQuery(Query, request);
      try {
        const answer = await ctx.downstream.echo.get('/validateCronExpression', {
          ...as(request),
          query: { cronExpression: expression },
          schema: EchoAnswer,
        });
        return { valid: true, description: answer.description ?? null };
      } catch (err) {
        if (err instanceof InputError) return { valid: false, message: err.message };
        throw err;
      }
    },
  );
}
