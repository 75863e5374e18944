import { describe, expect, it } from 'vitest';
import { allowedAccounts, mayUseAccount, type Account } from './account-cache.js';
import { anonymousPrincipal, type Principal } from './auth/principal.js';

const user = (roles: string[], admin = false): Principal => ({ username: 'u', roles, admin, via: 'basic' });
const accounts: Account[] = [
  { name: 'dev', permissions: { READ: ['dev', 'qa'], WRITE: ['dev'] } },
  { name: 'prod', permissions: { READ: ['ops'], WRITE: ['ops', 'release'] } },
  { name: 'read-only-listed', permissions: { READ: ['qa'] } },
  { name: 'empty-write', permissions: { READ: [], WRITE: [] } },
  { name: 'open' },
];

describe('allowedAccounts (Fiat: accounts the principal may WRITE)', () => {
  it('lists accounts whose WRITE roles meet the principal’s, plus accounts without WRITE roles', () => {
    const open = ['read-only-listed', 'empty-write', 'open'];
    expect(allowedAccounts(user(['dev']), accounts, true)).toEqual(['dev', ...open]);
    expect(allowedAccounts(user(['qa']), accounts, true)).toEqual(open);
    expect(allowedAccounts(user(['release', 'dev']), accounts, true)).toEqual(['dev', 'prod', ...open]);
    expect(allowedAccounts(user([]), accounts, true)).toEqual(open);
  });
  it('gives admins every account, and nobody anything without a principal', () => {
    expect(allowedAccounts(user([], true), accounts, true)).toEqual(accounts.map((a) => a.name));
    expect(allowedAccounts(undefined, accounts, true)).toEqual([]);
  });
  it('gives every account with auth off (anonymous mode)', () => {
    expect(allowedAccounts(anonymousPrincipal, accounts, false)).toEqual(accounts.map((a) => a.name));
    expect(allowedAccounts(user(['qa']), accounts, false)).toEqual(accounts.map((a) => a.name));
    expect(allowedAccounts(user(['dev']), [], true)).toEqual([]);
  });
});

describe('mayUseAccount READ (the /credentials authorized flag)', () => {
  it('needs a READ role when READ roles are listed', () => {
    expect(mayUseAccount(user(['qa']), accounts[0]!, 'READ', true)).toBe(true);
    expect(mayUseAccount(user(['qa']), accounts[1]!, 'READ', true)).toBe(false);
    expect(mayUseAccount(user([]), accounts[3]!, 'READ', true)).toBe(true);
    expect(mayUseAccount(user([], true), accounts[1]!, 'READ', true)).toBe(true);
    expect(mayUseAccount(undefined, accounts[4]!, 'READ', true)).toBe(false);
    expect(mayUseAccount(undefined, accounts[1]!, 'READ', false)).toBe(true);
  });
});
