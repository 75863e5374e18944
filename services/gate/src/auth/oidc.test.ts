import { describe, expect, it } from 'vitest';
import { oidcSettingsOf, principalOfClaims } from './oidc.js';

const claims = { usernameClaim: 'preferred_username', groupsClaim: 'groups' };
const base = {
  GATE_AUTH_ENABLED: true,
  GATE_OIDC_SCOPES: 'openid',
  GATE_OIDC_USERNAME_CLAIM: 'preferred_username',
  GATE_OIDC_GROUPS_CLAIM: 'groups',
};

describe('principalOfClaims', () => {
  it('takes the username claim, then email, then sub; groups become roles; admin roles make admins', () => {
    expect(
      principalOfClaims(
        { sub: 's', preferred_username: 'alice', groups: ['dev', 'dev', ' ops '] },
        claims,
        new Set(),
      ),
    ).toEqual({ username: 'alice', roles: ['dev', 'ops'], admin: false, via: 'oidc' });
    expect(
      principalOfClaims({ sub: 's', email: 'a@x', groups: 'admin,dev' }, claims, new Set(['admin'])),
    ).toEqual({
      username: 'a@x',
      roles: ['admin', 'dev'],
      admin: true,
      via: 'oidc',
    });
    expect(principalOfClaims({ sub: 'only-sub', groups: [1, null] }, claims, new Set()).username).toBe(
      'only-sub',
    );
    expect(() => principalOfClaims({}, claims, new Set())).toThrow(/username/);
  });
});

describe('oidcSettingsOf', () => {
  it('is off without an issuer and names what is missing otherwise', () => {
    expect(oidcSettingsOf(base)).toBeUndefined();
    expect(() => oidcSettingsOf({ ...base, GATE_OIDC_ISSUER: 'https://idp' })).toThrow(
      /GATE_OIDC_CLIENT_ID, GATE_OIDC_CLIENT_SECRET, GATE_OIDC_REDIRECT_URI/,
    );
    expect(() =>
      oidcSettingsOf({
        ...base,
        GATE_AUTH_ENABLED: false,
        GATE_OIDC_ISSUER: 'https://idp',
        GATE_OIDC_CLIENT_ID: 'c',
        GATE_OIDC_CLIENT_SECRET: 's',
        GATE_OIDC_REDIRECT_URI: 'https://gate/login',
      }),
    ).toThrow(/GATE_AUTH_ENABLED=true/);
  });
});
