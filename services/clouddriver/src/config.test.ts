import { ConfigError, loadConfig } from '@genoa/shared/node';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config.js';
import { defaultAccounts } from './domain/accounts.js';

describe('clouddriver config', () => {
  it('defaults to one "local" account from KUBECONFIG', () => {
    const config = loadConfig(configSchema, { KUBECONFIG: '/tmp/kc' });
    expect(config.CLOUDDRIVER_ACCOUNTS).toBeUndefined();
    expect(defaultAccounts(config.KUBECONFIG)).toEqual([
      expect.objectContaining({ name: 'local', kubeconfigFile: '/tmp/kc', namespaces: [] }),
    ]);
  });

  it('validates CLOUDDRIVER_ACCOUNTS with field paths', () => {
    const bad = () =>
      loadConfig(configSchema, {
        CLOUDDRIVER_ACCOUNTS: JSON.stringify([
          { name: 'a', namespaces: ['x'], omitNamespaces: ['y'] },
          { name: 'a' },
        ]),
      });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const variables = (err as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
      expect(variables).toContain(
        'CLOUDDRIVER_ACCOUNTS[0].omitNamespaces: namespaces and omitNamespaces are mutually exclusive',
      );
      expect(variables).toContain('CLOUDDRIVER_ACCOUNTS[1].name: duplicate account name "a"');
    }
    expect(() => loadConfig(configSchema, { CLOUDDRIVER_ACCOUNTS: '{not json' })).toThrow(/not valid JSON/);
    expect(() =>
      loadConfig(configSchema, { CLOUDDRIVER_ACCOUNTS: JSON.stringify([{ name: 'a', typo: 1 }]) }),
    ).toThrow(/typo/);
  });
});
