import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '@genoa/testing';
import {
  isComplete,
  parseJavaProperties,
  parsePropertyFile,
  toEventBuild,
  toGenericBuild,
  type JenkinsBuild,
} from './build.js';
import { buildEventId } from './event-id.js';

const builds = fixtureFiles('jenkins').filter((f) => f.name.startsWith('jenkins-rest__build-info'));

describe('builds from the Jenkins fixtures', () => {
  it.each(builds.map((f) => [f.name, f.json as JenkinsBuild] as const))(
    '%s maps to a GenericBuild and an event build',
    (_name, raw) => {
      const generic = toGenericBuild('fish', raw);
      expect(generic).toMatchObject({
        building: false,
        result: 'SUCCESS',
        number: 10,
        name: 'fish',
        timestamp: '1461091892486',
        id: '10',
      });
      expect(generic.artifacts).toEqual(raw.artifacts);
      expect(isComplete(raw)).toBe(true);
      expect(toEventBuild(raw)).toMatchObject({
        number: 10,
        timestamp: '1461091892486',
        url: raw.url,
        testResults: [],
      });
    },
  );

  it('reports a running build as BUILDING and not complete', () => {
    const running = { number: 3, building: true, result: null, timestamp: 5 };
    expect(toGenericBuild('x', running).result).toBe('BUILDING');
    expect(isComplete(running)).toBe(false);
  });
});

describe('property files', () => {
  it.each([
    [
      'build.properties',
      'a=1\n# c\n! c\nb : two\nc three\nlong=x\\\n  y\nesc=tab\\tend\\u0041',
      { a: '1', b: 'two', c: 'three', long: 'xy', esc: 'tab\tendA' },
    ],
    ['build.yml', 'image: repo/app\ntags: [a, b]\n', { image: 'repo/app', tags: ['a', 'b'] }],
    ['build.json', '{"version":"1.0"}', { version: '1.0' }],
    ['scalar.yaml', 'just text', {}],
  ])('%s', (name, text, expected) => {
    expect(parsePropertyFile(name, text)).toEqual(expected);
  });

  it('keeps = inside values', () => {
    expect(parseJavaProperties('url=http://x/?a=b')).toEqual({ url: 'http://x/?a=b' });
  });
});

describe('build event ids', () => {
  it('are deterministic, UUID-shaped and distinct per build', () => {
    const id = buildEventId('m', 'a/job/b', 7);
    expect(id).toBe(buildEventId('m', 'a/job/b', 7));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(buildEventId('m', 'a/job/b', 8));
    expect(id).not.toBe(buildEventId('n', 'a/job/b', 7));
  });
});
