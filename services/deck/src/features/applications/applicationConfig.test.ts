import { describe, expect, it } from 'vitest';
import { deleteApplicationTaskBody, updateApplicationTaskBody } from '../../api/applications.js';
import { configFormValues, configFromForm, validateConfig } from './applicationView.js';

describe('application config form', () => {
  const app = {
    name: 'cargo',
    email: 'ops@example.com',
    cloudProviders: 'kubernetes,aws',
    permissions: { READ: ['ops', 'dev'], WRITE: ['ops'] },
  };

  it('shows the attributes and roles as comma-separated strings', () => {
    expect(configFormValues(app)).toEqual({
      email: 'ops@example.com',
      description: '',
      cloudProviders: 'kubernetes, aws',
      READ: 'ops, dev',
      WRITE: 'ops',
      EXECUTE: '',
    });
  });

  it('sends Spinnaker’s updateApplication job with trimmed role lists and empty ones dropped', () => {
    const values = { ...configFormValues(app), READ: ' ops , ,qa ', WRITE: '', EXECUTE: 'deployers' };
    expect(updateApplicationTaskBody(configFromForm('cargo', values))).toEqual({
      job: [
        {
          type: 'updateApplication',
          application: {
            name: 'cargo',
            email: 'ops@example.com',
            description: '',
            cloudProviders: 'kubernetes,aws',
            permissions: { READ: ['ops', 'qa'], EXECUTE: ['deployers'] },
          },
          user: '[anonymous]',
        },
      ],
      application: 'cargo',
      description: 'Update Application: cargo',
    });
  });

  it('names the fields that are wrong', () => {
    expect(validateConfig({ ...configFormValues(app), email: 'nope', cloudProviders: ' , ' })).toEqual({
      email: 'Owner email must be an email address.',
      cloudProviders: 'Name at least one cloud provider.',
    });
    expect(validateConfig(configFormValues(app))).toEqual({});
  });

  it('deletes with a deleteApplication job', () => {
    expect(deleteApplicationTaskBody('cargo').job).toEqual([
      { type: 'deleteApplication', application: { name: 'cargo' }, user: '[anonymous]' },
    ]);
  });
});
