import { describe, expect, it } from 'vitest';
import { signIdentity, SIGNATURE_MAX_SKEW_MS, verifyIdentity } from './identity.js';

const secret = 'a-shared-secret-of-some-length';
const alice = { user: 'alice', accounts: ['prod', 'staging'], origin: 'deck' };

describe('identity signing', () => {
  it('verifies a signed identity for the same method and path', () => {
    const headers = signIdentity(alice, 'POST', '/pipelines', secret, 1_000_000);
    const result = verifyIdentity(headers, 'POST', '/pipelines', secret, 1_000_500);
    expect(result).toEqual({ identity: alice, verified: true });
  });

  it.each([
    ['a forged user', (h: Record<string, string>) => ({ ...h, 'x-spinnaker-user': 'mallory' })],
    [
      'added accounts',
      (h: Record<string, string>) => ({ ...h, 'x-spinnaker-accounts': 'prod,staging,admin' }),
    ],
    ['a changed origin', (h: Record<string, string>) => ({ ...h, 'x-spinnaker-user-origin': 'api' })],
    [
      'a changed timestamp',
      (h: Record<string, string>) => ({ ...h, 'x-genoa-identity-timestamp': '1000001' }),
    ],
    ['a bad signature', (h: Record<string, string>) => ({ ...h, 'x-genoa-identity-signature': 'v1=00' })],
  ])('refuses %s', (_name, tamper) => {
    const headers = tamper(signIdentity(alice, 'POST', '/pipelines', secret, 1_000_000));
    expect(verifyIdentity(headers, 'POST', '/pipelines', secret, 1_000_000)).toEqual({
      identity: { user: 'anonymous', accounts: [] },
      verified: false,
    });
  });

  it('carries roles when the signer knows them, signed: none is not the same as unknown', () => {
    const withRoles = { ...alice, roles: ['release', 'dev'] };
    const verify = (h: Record<string, string>) => verifyIdentity(h, 'PATCH', '/p', secret, 1_000_000);
    expect(verify(signIdentity(withRoles, 'PATCH', '/p', secret, 1_000_000))).toEqual({
      identity: withRoles,
      verified: true,
    });
    const none = verify(signIdentity({ ...alice, roles: [] }, 'PATCH', '/p', secret, 1_000_000));
    expect(none.identity.roles).toEqual([]);
    expect(verify(signIdentity(alice, 'PATCH', '/p', secret, 1_000_000)).identity.roles).toBeUndefined();
    const signed = signIdentity(withRoles, 'PATCH', '/p', secret, 1_000_000);
    for (const forged of ['["release","dev","admin"]', 'release', '']) {
      expect(verify({ ...signed, 'x-genoa-identity-roles': forged }).verified).toBe(false);
    }
    const { ['x-genoa-identity-roles']: _dropped, ...stripped } = signed;
    expect(verify(stripped).verified).toBe(false);
  });

  it('refuses a signature replayed on another method or path', () => {
    const headers = signIdentity(alice, 'GET', '/pipelines/app', secret, 1_000_000);
    expect(verifyIdentity(headers, 'DELETE', '/pipelines/app', secret, 1_000_000).verified).toBe(false);
    expect(verifyIdentity(headers, 'GET', '/pipelines/other', secret, 1_000_000).verified).toBe(false);
  });

  it('refuses signatures outside the allowed clock skew', () => {
    const headers = signIdentity(alice, 'GET', '/x', secret, 0);
    expect(verifyIdentity(headers, 'GET', '/x', secret, SIGNATURE_MAX_SKEW_MS + 1).verified).toBe(false);
    expect(verifyIdentity(headers, 'GET', '/x', secret, SIGNATURE_MAX_SKEW_MS).verified).toBe(true);
  });

  it('trusts nothing without a secret, and bare identity headers never', () => {
    const headers = signIdentity(alice, 'GET', '/x', secret);
    expect(verifyIdentity(headers, 'GET', '/x', undefined).verified).toBe(false);
    expect(verifyIdentity({ 'x-spinnaker-user': 'alice' }, 'GET', '/x', secret).identity.user).toBe(
      'anonymous',
    );
    expect(verifyIdentity(headers, 'GET', '/x', 'another-secret-of-length').verified).toBe(false);
  });
});
