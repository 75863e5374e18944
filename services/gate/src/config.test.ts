import { describe, expect, it } from 'vitest';
import { loadGateConfig } from './config.js';

describe('gate config', () => {
  it('defaults downstream URLs to Spinnaker’s local ports and auth off', () => {
    const config = loadGateConfig({});
    expect(config.ORCA_URL).toBe('http://127.0.0.1:8083');
    expect(config.FRONT50_URL).toBe('http://127.0.0.1:8080');
    expect(config.GATE_AUTH_ENABLED).toBe(false);
  });
  it('rejects a bad URL naming the variable', () => {
    expect(() => loadGateConfig({ ECHO_URL: 'not a url' })).toThrow(/ECHO_URL/);
  });
});
