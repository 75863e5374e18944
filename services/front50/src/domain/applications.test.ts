import { describe, expect, it } from 'vitest';
import { withoutApplication } from './application-cascade.js';
import {
  matchesAttributes,
  mergeApplication,
  normalizeApplication,
  normalizePermission,
  validateApplication,
} from './applications.js';

describe('application rules', () => {
  it('normalises name, cloudProviders and trafficGuards', () => {
    expect(normalizeApplication({ name: ' app ', cloudProviders: ['a', 'b'] })).toEqual({
      name: 'APP',
      cloudProviders: 'a,b',
      trafficGuards: [],
    });
  });

  it('lists every validation failure', () => {
    expect(() => validateApplication({ name: '' })).toThrow(
      /non-empty name; Application must have a non-empty email/,
    );
    expect(() => validateApplication({ name: 'A', email: 'e' })).not.toThrow();
  });

  it('merges a patch but never name or timestamps', () => {
    const merged = mergeApplication(
      { name: 'A', email: 'e', createTs: '1' },
      { name: 'B', createTs: '9', description: 'd' },
    );
    expect(merged).toEqual({ name: 'A', email: 'e', createTs: '1', description: 'd' });
  });

  it('filters on attributes case-insensitively', () => {
    expect(matchesAttributes({ email: 'Team@Corp.io' }, { email: 'corp' })).toBe(true);
    expect(matchesAttributes({ email: 'x' }, { owner: 'x' })).toBe(false);
  });

  it('converts requiredGroupMembership', () => {
    expect(normalizePermission({ name: 'a', requiredGroupMembership: ['Ops'] })).toEqual({
      name: 'A',
      permissions: { READ: ['ops'], WRITE: ['ops'] },
    });
  });

  it('removes an application from a project, or says the project does not mention it', () => {
    const project = { config: { applications: ['A', 'b'], clusters: [{ applications: ['a'] }] } };
    expect(withoutApplication(project, 'a')?.config).toMatchObject({
      applications: ['b'],
      clusters: [{ applications: [] }],
    });
    expect(withoutApplication(project, 'zzz')).toBeUndefined();
  });
});
