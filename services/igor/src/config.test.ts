import { describe, expect, it } from 'vitest';
import { ConfigError } from '@genoa/shared/node';
import { loadIgorConfig } from './config.js';

describe('igor config', () => {
  it('parses masters, taking password as the API token like Spinnaker', () => {
    const config = loadIgorConfig({
      IGOR_JENKINS_MASTERS: JSON.stringify([
        { name: 'j1', address: 'http://ci:8080/', username: 'u', password: 't' },
      ]),
    });
    expect(config.IGOR_JENKINS_MASTERS).toEqual([
      { name: 'j1', address: 'http://ci:8080', username: 'u', apiToken: 't', csrf: false },
    ]);
    expect(config.IGOR_POLL_INTERVAL_SECONDS).toBe(60);
  });

  it.each([
    ['not json', 'IGOR_JENKINS_MASTERS'],
    [JSON.stringify([{ name: 'j1' }]), 'IGOR_JENKINS_MASTERS[0].address'],
    [JSON.stringify([{ name: 'j1', address: 'ftp://x' }]), 'IGOR_JENKINS_MASTERS[0].address'],
    [JSON.stringify([{ name: 'j1', address: 'http://x', typo: 1 }]), 'IGOR_JENKINS_MASTERS[0]'],
  ])('refuses %s naming %s', (value, variable) => {
    const err = (() => {
      try {
        loadIgorConfig({ IGOR_JENKINS_MASTERS: value });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.variable)).toContain(variable);
  });
});
