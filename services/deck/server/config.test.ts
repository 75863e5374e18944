import { isAbsolute, join } from 'node:path';
import { ConfigError } from '@genoa/shared/node';
import { describe, expect, it } from 'vitest';
import { defaultDistDir, loadDeckConfig } from './config.js';

describe('loadDeckConfig', () => {
  it('runs with no environment at all, on Spinnaker’s port, pointing at a local gate', () => {
    const config = loadDeckConfig({});
    expect(config.PORT).toBe(9000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DECK_GATE_URL).toBe('http://127.0.0.1:8084');
    expect(config.DECK_DIST_DIR).toBe(defaultDistDir);
    expect(config.DECK_DIST_DIR.endsWith(join('services', 'deck', 'dist'))).toBe(true);
  });

  it('normalises the gate URL and resolves the bundle directory', () => {
    const config = loadDeckConfig({ DECK_GATE_URL: 'https://gate.example.com/api/', DECK_DIST_DIR: 'build' });
    expect(config.DECK_GATE_URL).toBe('https://gate.example.com/api');
    expect(isAbsolute(config.DECK_DIST_DIR)).toBe(true);
  });

  it('lists every invalid variable', () => {
    let error: unknown;
    try {
      loadDeckConfig({ PORT: '70000', DECK_GATE_URL: 'ftp://gate', DECK_GATE_CONNECT_TIMEOUT_MS: '5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'DECK_GATE_CONNECT_TIMEOUT_MS',
      'DECK_GATE_URL',
      'PORT',
    ]);
  });
});
