import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const ExpandQuery = z.object({ expand: z.enum(['true', 'false']).default('false') });
const AccountParams = z.object({ account: z.string().min(1).max(250) });
const Account = z.looseObject({
  name: z.string(),
  permissions: z.record(z.string(), z.array(z.string())).optional(),
});

/** Whether the principal may use an account (its READ roles; no permissions = open; auth off = yes). */
function authorizedFor(
  principal: Principal | undefined,
  account: z.infer<typeof Account>,
  authOn: boolean,
): boolean {
  if (!authOn) return true;
  if (!principal) return false;
  if (principal.admin) return true;
  const read = account.permissions?.READ;
  return !read || read.length === 0 || read.some((r) => principal.roles.includes(r));
}

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
        schema: z.array(Account),
      });
      return accounts.map((a) => ({ ...a, authorized: authorizedFor(request.principal, a, authOn) }));
    },
  );
  app.get(
    '/credentials/:account',
    doc({ summary: 'One account', tags: ['credentials'], params: AccountParams }),
    async (request) => {
      const { account } = parseParams(AccountParams, request);
      const found = await clouddriver.get(`/credentials/${encodeURIComponent(account)}`, {
        ...as(request),
        schema: Account,
      });
      return { ...found, authorized: authorizedFor(request.principal, found, authOn) };
    },
  );
}
