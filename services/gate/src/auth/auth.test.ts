import { describe, expect, it } from 'vitest';
import { allows } from './permissions.js';
import type { Principal } from './principal.js';
import { parseUsers } from './principal.js';
import { hashSecret, verifySecret } from './secrets.js';

const user = (roles: string[], admin = false): Principal => ({ username: 'u', roles, admin, via: 'basic' });

describe('allows (Fiat rules)', () => {
  it('opens an application without permissions to any authenticated user', () => {
    expect(allows(user([]), undefined, 'WRITE')).toBe(true);
    expect(allows(user([]), {}, 'EXECUTE')).toBe(true);
  });
  it('needs a listed role, with EXECUTE falling back to READ', () => {
    const perms = { READ: ['dev'], WRITE: ['ops'] };
    expect(allows(user(['dev']), perms, 'READ')).toBe(true);
    expect(allows(user(['dev']), perms, 'WRITE')).toBe(false);
    expect(allows(user(['dev']), perms, 'EXECUTE')).toBe(true);
    expect(allows(user(['ops']), perms, 'READ')).toBe(false);
    expect(allows(user(['x'], true), perms, 'WRITE')).toBe(true);
  });
});

describe('secrets', () => {
  it('hashes with scrypt and verifies only the right secret', async () => {
    const hash = await hashSecret('s3cret-pass');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifySecret('s3cret-pass', hash)).toBe(true);
    expect(await verifySecret('s3cret-pasS', hash)).toBe(false);
    expect(await verifySecret('x', 'scrypt$bad')).toBe(false);
  });
  it('refuses users whose password is not a hash', () => {
    expect(() => parseUsers('[{"username":"a","passwordHash":"plain"}]')).toThrow(/scrypt/);
    expect(parseUsers(undefined).size).toBe(0);
  });
});
