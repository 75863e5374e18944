import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountSchema, mayUseAccount } from '../account-cache.js';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const ExpandQuery = z.object({ expand: z.enum(['true', 'false']).default('false') });
const AccountParams = z.object({ account: z.string().min(1).max(250) });

/** `/credentials`: clouddriver's accounts with Gate's `authorized` flag. */
export function credentialRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { clouddriver } = ctx.downstream;
  const authOn = ctx.config.GATE_AUTH_ENABLED;
  app.get(
    '/credentials',
    doc({ summary: 'Accounts with the caller’s authorized flag', tags: ['credentials'], query: ExpandQuery }),
    async (request) => {
      const { expand } = parseQuery(ExpandQuery, request);
      const accounts = await clouddriver.get('/credentials', {
        ...as(request),
        query: { expand },
        schema: z.array(AccountSchema),
      });
      return accounts.map((a) => ({ ...a, authorized: mayUseAccount(request.principal, a, 'READ', authOn) }));
    },
  );
  app.get(
    '/credentials/:account',
    doc({ summary: 'One account', tags: ['credentials'], params: AccountParams }),
    async (request) => {
      const { account } = parseParams(AccountParams, request);
      const found = await clouddriver.get(`/credentials/${encodeURIComponent(account)}`, {
        ...as(request),
        schema: AccountSchema,
      });
      return { ...found, authorized: mayUseAccount(request.principal, found, 'READ', authOn) };
    },
  );
}
