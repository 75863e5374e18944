import { afterEach, describe, expect, it } from 'vitest';
import { fixtureFiles } from '../fixtures.js';
import { startJenkinsDouble, type JenkinsDouble } from './server.js';

let jenkins: JenkinsDouble;
const auth = { authorization: `Basic ${Buffer.from('spinnaker:tok-123').toString('base64')}` };

const get = async (path: string, headers: Record<string, string> = auth) => {
  const res = await fetch(`${jenkins.url}${path}`, { headers });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are probed field by field
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> };
};

afterEach(async () => {
  await jenkins.stop();
});

const fixture = (name: string) =>
  fixtureFiles('jenkins').find((f) => f.name === name)!.json as Record<string, unknown>;

describe('jenkins double', () => {
  it('serves jobs and folders with tree filters, and builds in the JSON API shape of the fixtures', async () => {
    jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok-123' });
    jenkins.addJob('app');
    jenkins.addJob('team/sub/svc');
    const n = jenkins.startBuild('team/sub/svc');
    const root = (
      await get(
        '/api/json?tree=jobs[name,lastBuild[number,building],jobs[name,jobs[name,lastBuild[number,building,result]]]]',
      )
    ).json();
    expect(root.jobs).toEqual([
      { _class: 'hudson.model.FreeStyleProject', name: 'app', lastBuild: null },
      {
        _class: 'com.cloudbees.hudson.plugins.folder.Folder',
        name: 'team',
        jobs: [
          {
            _class: 'com.cloudbees.hudson.plugins.folder.Folder',
            name: 'sub',
            jobs: [
              {
                _class: 'hudson.model.FreeStyleProject',
                name: 'svc',
                lastBuild: { _class: 'hudson.model.FreeStyleBuild', number: n, building: true, result: null },
              },
            ],
          },
        ],
      },
    ]);
    jenkins.completeBuild('team/sub/svc', n, 'SUCCESS');
    const build = (await get(`/job/team/job/sub/job/svc/${n}/api/json`)).json();
    const real = fixture('jenkins-rest__build-info.json');
    for (const key of [
      'actions',
      'artifacts',
      'building',
      'duration',
      'fullDisplayName',
      'number',
      'result',
      'timestamp',
      'url',
      'queueId',
    ])
      expect(typeof build[key], key).toBe(typeof real[key]);
    expect(build).toMatchObject({ building: false, result: 'SUCCESS', number: 1 });
    expect(build.url).toBe(`${jenkins.url}/job/team/job/sub/job/svc/1/`);
    expect((await get('/job/team/job/sub/job/svc/lastBuild/api/json?tree=number,result')).json()).toEqual({
      _class: 'hudson.model.FreeStyleBuild',
      number: 1,
      result: 'SUCCESS',
    });
    expect((await get('/job/nope/api/json')).status).toBe(404);
  });

  it('refuses a request without the API token', async () => {
    jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok-123' });
    expect((await get('/api/json', {})).status).toBe(401);
    const wrong = { authorization: `Basic ${Buffer.from('spinnaker:nope').toString('base64')}` };
    expect((await get('/api/json', wrong)).status).toBe(401);
  });

  it('enforces crumbs on POST, queues a build with 201 + Location, and resolves the queue item', async () => {
    jenkins = await startJenkinsDouble({ csrf: true, autoStart: false });
    jenkins.addJob('deploy', { parameters: [{ name: 'env', defaultValue: 'dev' }] });
    const noCrumb = await fetch(`${jenkins.url}/job/deploy/buildWithParameters?env=prod`, { method: 'POST' });
    expect(noCrumb.status).toBe(403);
    const crumb = (await get('/crumbIssuer/api/json', {})).json();
    expect(crumb.crumbRequestField).toBe('Jenkins-Crumb');
    const res = await fetch(`${jenkins.url}/job/deploy/buildWithParameters?env=prod`, {
      method: 'POST',
      headers: { 'Jenkins-Crumb': crumb.crumb },
    });
    expect(res.status).toBe(201);
    const location = res.headers.get('location')!;
    const itemId = Number(/queue\/item\/(\d+)\/$/.exec(location)![1]);
    const pending = (await get(`/queue/item/${itemId}/api/json`, {})).json();
    expect(pending.executable).toBeNull();
    expect(pending.why).toBeTypeOf('string');
    const number = jenkins.startQueued(itemId);
    const running = (await get(`/queue/item/${itemId}/api/json`, {})).json();
    const realRunning = fixture('jenkins-rest__queue-item-running.json') as { executable: object };
    expect(Object.keys(running.executable).sort()).toEqual(Object.keys(realRunning.executable).sort());
    expect(running.executable.number).toBe(number);
    const build = (await get(`/job/deploy/${number}/api/json`, {})).json();
    expect(build.actions[0].parameters).toEqual([
      { _class: 'hudson.model.StringParameterValue', name: 'env', value: 'prod' },
    ]);
  });

  it('serves console text and archived artifacts such as a properties file', async () => {
    jenkins = await startJenkinsDouble();
    jenkins.addJob('build');
    const n = jenkins.startBuild('build');
    jenkins.appendConsole('build', n, 'compiling\n');
    jenkins.addArtifact('build', n, 'out/build.properties', 'version=1.2.3\n');
    jenkins.completeBuild('build', n, 'UNSTABLE');
    expect((await get(`/job/build/${n}/consoleText`, {})).text).toContain('compiling\nFinished: UNSTABLE');
    expect((await get(`/job/build/${n}/artifact/out/build.properties`, {})).text).toBe('version=1.2.3\n');
    const build = (await get(`/job/build/${n}/api/json?tree=artifacts[fileName,relativePath]`, {})).json();
    expect(build.artifacts).toEqual([{ fileName: 'build.properties', relativePath: 'out/build.properties' }]);
  });
});
