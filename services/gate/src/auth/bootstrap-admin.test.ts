import { describe, expect, it } from 'vitest';
import { bootstrapAdmin } from './bootstrap-admin.js';
import { verifySecret } from './secrets.js';

describe('bootstrapAdmin', () => {
  it('is absent without a password', async () => {
    expect(await bootstrapAdmin('admin', undefined, 'admin')).toBeUndefined();
  });

  it('is a Basic user in the first admin role whose hash verifies only the password', async () => {
    const user = await bootstrapAdmin('root', 'a-long-password-1', ' ops-admins , admin');
    expect(user).toMatchObject({ username: 'root', roles: ['ops-admins'] });
    expect(await verifySecret('a-long-password-1', user!.passwordHash)).toBe(true);
    expect(await verifySecret('a-long-password-2', user!.passwordHash)).toBe(false);
  });
});
