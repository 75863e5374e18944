import { describe, expect, it } from 'vitest';
import { hrefTo, matchPath, pathFromHash } from './router.js';

describe('pathFromHash', () => {
  it.each([
    ['', '/'],
    ['#', '/'],
    ['#/', '/'],
    ['#/applications/cargo', '/applications/cargo'],
    ['#/applications/cargo/executions?pipeline=deploy', '/applications/cargo/executions'],
    ['#applications', '/applications'],
  ])('%j → %j', (hash, path) => expect(pathFromHash(hash)).toBe(path));
});

describe('matchPath', () => {
  it('matches literal segments and ignores a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/applications', '/applications/')).toEqual({});
    expect(matchPath('/applications', '/projects')).toBeUndefined();
    expect(matchPath('/applications', '/applications/cargo')).toBeUndefined();
  });

  it('captures and decodes parameters', () => {
    expect(
      matchPath(
        '/applications/:application/executions/:executionId',
        '/applications/cargo/executions/01J%2FX',
      ),
    ).toEqual({
      application: 'cargo',
      executionId: '01J/X',
    });
  });

  it('refuses malformed escapes', () => {
    expect(matchPath('/applications/:application', '/applications/%E0%A4%A')).toBeUndefined();
  });
});

describe('hrefTo', () => {
  it('builds hash links', () => {
    expect(hrefTo('/')).toBe('#/');
    expect(hrefTo('applications')).toBe('#/applications');
  });
});
