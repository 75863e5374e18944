import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boolVar, commonConfigShape, ConfigError, intVar, loadConfig, portVar } from './config.js';

const schema = z.object({
  ...commonConfigShape,
  PORT: portVar(8084),
  ORCA_TASK_CONCURRENCY: intVar(10, 1, 500),
  ECHO_CRON_ENABLED: boolVar(true),
});

describe('loadConfig', () => {
  it('gives typed defaults for an empty environment', () => {
    const config = loadConfig(schema, {});
    expect(config).toMatchObject({
      PORT: 8084,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ORCA_TASK_CONCURRENCY: 10,
      ECHO_CRON_ENABLED: true,
    });
    expect(config.GENOA_INTERNAL_SECRET).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses strings from the environment', () => {
    const config = loadConfig(schema, {
      PORT: '9999',
      ECHO_CRON_ENABLED: 'no',
      ORCA_TASK_CONCURRENCY: '3',
      PATH: '/bin',
    });
    expect(config).toMatchObject({ PORT: 9999, ECHO_CRON_ENABLED: false, ORCA_TASK_CONCURRENCY: 3 });
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig(schema, {
        PORT: '70000',
        LOG_LEVEL: 'loud',
        ORCA_TASK_CONCURRENCY: '0',
        ECHO_CRON_ENABLED: 'maybe',
        GENOA_INTERNAL_SECRET: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual([
      'ECHO_CRON_ENABLED',
      'GENOA_INTERNAL_SECRET',
      'LOG_LEVEL',
      'ORCA_TASK_CONCURRENCY',
      'PORT',
    ]);
    expect((error as Error).message).toContain('PORT:');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(schema, { PORT: '' }).PORT).toBe(8084);
  });
});
