import type { ParameterConfig } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { initialParameterValues, parameterOptions, validateParameters } from './parameterForm.js';

const parameters: ParameterConfig[] = [
  { name: 'version', required: true },
  { name: 'region', default: 'eu-west-1' },
  { name: 'replicas', default: 3 },
  {
    name: 'env',
    label: 'Environment',
    hasOptions: true,
    options: [{ value: 'staging' }, { value: 'prod' }],
  },
  { name: 'ignored', hasOptions: false, options: [{ value: 'x' }] },
];

describe('initialParameterValues', () => {
  it('uses defaults, then the first option, then empty', () => {
    expect(initialParameterValues(parameters)).toEqual({
      version: '',
      region: 'eu-west-1',
      replicas: '3',
      env: 'staging',
      ignored: '',
    });
  });

  it('prefers the values of a previous run (re-run with the same parameters)', () => {
    expect(
      initialParameterValues(parameters, { version: '1.4.0', region: 'us-east-1', replicas: { x: 1 } }),
    ).toEqual({
      version: '1.4.0',
      region: 'us-east-1',
      replicas: '3',
      env: 'staging',
      ignored: '',
    });
  });

  it('lists options only for parameters that have them', () => {
    expect(parameterOptions(parameters[3] as ParameterConfig)).toEqual(['staging', 'prod']);
    expect(parameterOptions(parameters[4] as ParameterConfig)).toEqual([]);
  });
});

describe('validateParameters', () => {
  it('reports a blank required parameter', () => {
    const values = initialParameterValues(parameters);
    expect(validateParameters(parameters, values)).toEqual({ version: 'version is required.' });
    expect(validateParameters(parameters, { ...values, version: '   ' })).toHaveProperty('version');
    expect(validateParameters(parameters, { ...values, version: '1.2.3' })).toEqual({});
  });

  it('rejects a value outside the options, naming the label', () => {
    const values = { ...initialParameterValues(parameters), version: '1', env: 'qa' };
    expect(validateParameters(parameters, values)).toEqual({
      env: 'Environment must be one of: staging, prod.',
    });
  });
});
