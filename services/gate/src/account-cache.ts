import type { Logger, ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import type { Principal } from './auth/principal.js';

/** A clouddriver account as `/credentials` lists it: its name and the roles per authorization. */
export const AccountSchema = z.looseObject({
  name: z.string(),
  permissions: z.record(z.string(), z.array(z.string())).optional(),
});
/** See {@link AccountSchema}. */
export type Account = z.infer<typeof AccountSchema>;

/**
 * Whether the principal may use an account for `authorization`, Fiat's account rules: with auth
 * off everyone may; admins may; an account listing no roles for the authorization is open;
 * otherwise one of the principal's roles must be listed.
 */
export function mayUseAccount(
  principal: Principal | undefined,
  account: Account,
  authorization: 'READ' | 'WRITE',
  authOn: boolean,
): boolean {
  if (!authOn) return true;
  if (!principal) return false;
  if (principal.admin) return true;
  const roles = account.permissions?.[authorization];
  return !roles || roles.length === 0 || roles.some((r) => principal.roles.includes(r));
}

/** Fiat's allowed accounts (`X-SPINNAKER-ACCOUNTS`): the names of the accounts the principal may WRITE. */
export const allowedAccounts = (
  principal: Principal | undefined,
  accounts: readonly Account[],
  authOn: boolean,
): string[] => accounts.filter((a) => mayUseAccount(principal, a, 'WRITE', authOn)).map((a) => a.name);

/**
 * Clouddriver's accounts and their permissions, refreshed in the background every `refreshMs`
 * (`GET /credentials`), so a request's identity never waits on clouddriver. When clouddriver is
 * unreachable the last known list is kept (empty until the first refresh succeeds).
 */
export class AccountCache {
  private accounts: readonly Account[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failing = false;

  constructor(
    private readonly clouddriver: ServiceClient,
    private readonly refreshMs: number,
    private readonly logger: Logger,
  ) {}

  /** The last known accounts. */
  get list(): readonly Account[] {
    return this.accounts;
  }

  /** The names of the accounts the principal may WRITE (see {@link allowedAccounts}). */
  allowedFor(principal: Principal | undefined, authOn: boolean): string[] {
    return allowedAccounts(principal, this.accounts, authOn);
  }

  /** Reads the accounts once; on failure keeps the last known list and logs (once per outage). */
  async refresh(): Promise<void> {
    try {
      this.accounts = await this.clouddriver.get('/credentials', { schema: z.array(AccountSchema) });
      if (this.failing) this.logger.info('clouddriver accounts readable again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) {
        this.logger.warn({ err }, 'cannot read clouddriver accounts; keeping the last known list');
      }
      this.failing = true;
    }
  }

  /** Starts refreshing: now, then `refreshMs` after each refresh ends. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      await this.refresh();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.refreshMs).unref();
    };
    void loop();
  }

  /** Stops refreshing. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
