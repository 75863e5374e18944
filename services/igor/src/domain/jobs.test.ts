import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '@genoa/testing';
import { flattenJobs, jobNameFromUrl, jobsTree, jobUrlPath } from './jobs.js';

describe('job names', () => {
  it('flattens folders as a/job/b and keeps leaves only', () => {
    const tree = [
      { name: 'app' },
      { name: 'team', jobs: [{ name: 'svc' }, { name: 'sub', jobs: [{ name: 'x y' }] }] },
    ];
    expect(flattenJobs(tree).map((j) => j.name)).toEqual(['app', 'team/job/svc', 'team/job/sub/job/x y']);
    expect(jobUrlPath('team/job/sub/job/x y')).toBe('/job/team/job/sub/job/x%20y');
  });

  it('reads the job name of every Notification-plugin fixture', () => {
    const names = fixtureFiles('jenkins')
      .filter((f) => f.name.includes('notification'))
      .map((f) => jobNameFromUrl((f.json as { url: string }).url));
    expect(names).toEqual(['support', 'support', 'support', 'support', undefined, 'asgard']);
    expect(jobNameFromUrl('http://ci/jenkins/job/a/job/b/12/')).toBe('a/job/b');
  });

  it('descends ten folder levels', () => {
    expect(jobsTree('name').match(/jobs\[/g)).toHaveLength(10);
  });
});
