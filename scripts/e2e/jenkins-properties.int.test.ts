/**
 * Scenario 2 (issue #12), through gate only, against the stack as `npm start` starts it.
 *
 * Given a Jenkins master (the double) watched by igor, and a pipeline triggered by its `app-build`
 * job whose `jenkins` stage runs `app-package` with a property file; when `app-build` #2 completes
 * and Jenkins' Notification plugin tells gate (`POST /webhooks/jenkins/ci`, racing igor's poller),
 * then exactly one execution starts with the build in its trigger, the Jenkins stage reads
 * `build.properties`, and a later stage's expression sees the property.
 */
import { startJenkinsDouble, type JenkinsDouble } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from './suite.js';

const APP = 'builds';
const NOTIFY_SECRET = 'jenkins-notification-secret';
let suite: Suite;
let jenkins: JenkinsDouble;

beforeAll(async () => {
  jenkins = await startJenkinsDouble({ username: 'ci', apiToken: 'ci-token' });
  jenkins.addJob('app-build');
  jenkins.addJob('app-package', { parameters: [{ name: 'COMMIT', defaultValue: '' } as never] });
  // Build #1 exists before igor first looks: it is the baseline, never a trigger.
  jenkins.completeBuild('app-build', jenkins.startBuild('app-build'), 'SUCCESS');
  suite = await startSuite(
    { ECHO_PIPELINE_CACHE_REFRESH_MS: '1000' },
    {
      gate: { GATE_WEBHOOK_SOURCES: JSON.stringify({ ci: { secret: NOTIFY_SECRET } }) },
      igor: {
        IGOR_JENKINS_MASTERS: JSON.stringify([
          { name: 'ci', address: jenkins.url, username: 'ci', apiToken: 'ci-token' },
        ]),
        IGOR_POLL_INTERVAL_SECONDS: '2',
      },
    },
  );
}, 180_000);
afterAll(async () => {
  await suite?.stop();
  await jenkins?.stop();
}, 60_000);

describe('scenario 2: a Jenkins build triggers a pipeline whose Jenkins stage passes properties on', () => {
  it('starts on build #2 and evaluates the property in a later stage', async () => {
    await createApplication(suite, APP);
    await savePipeline(suite, {
      application: APP,
      name: 'package',
      triggers: [{ type: 'jenkins', enabled: true, master: 'ci', job: 'app-build' }],
      stages: [
        {
          refId: '1',
          type: 'jenkins',
          name: 'Package',
          master: 'ci',
          job: 'app-package',
          parameters: { COMMIT: '${trigger.buildNumber}' },
          propertyFile: 'build.properties',
        },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'evaluateVariables',
          name: 'Use the properties',
          variables: [
            { key: 'imageTag', value: "${#stage('Package')['outputs']['VERSION']}" },
            { key: 'fromOutputs', value: '${VERSION}-${trigger.buildNumber}' },
          ],
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 3_000)); // echo's pipeline cache picks the trigger up

    // When app-build #2 completes, and Jenkins notifies gate (igor's poller may see it first).
    const two = jenkins.startBuild('app-build');
    jenkins.completeBuild('app-build', two, 'SUCCESS');
    const notify = (secret: string) =>
      fetch(`${suite.gate}/webhooks/jenkins/ci`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
        body: JSON.stringify({
          name: 'app-build',
          url: 'job/app-build/',
          build: { number: two, phase: 'COMPLETED', status: 'SUCCESS' },
        }),
      });
    expect((await notify('wrong')).status).toBe(401);
    const pushed = await notify(NOTIFY_SECRET);
    expect(pushed.status, await pushed.clone().text()).toBe(202);
    expect(await pushed.json()).toMatchObject({ eventId: expect.any(String) });

    // The Jenkins stage asks igor to build app-package: play Jenkins for it.
    await eventually(
      async () => jenkins.requests.filter((r) => r.method === 'POST' && r.url.includes('/job/app-package/')),
      (l) => l.length > 0,
      90_000,
    );
    const number = await eventually(
      async () => {
        try {
          return (jenkins.build('app-package', 1) as { number: number }).number;
        } catch {
          return 0;
        }
      },
      (n) => n === 1,
    );
    jenkins.addArtifact('app-package', number, 'build.properties', 'VERSION=1.4.2\nCHANNEL=stable\n');
    jenkins.completeBuild('app-package', number, 'SUCCESS');

    const list = () =>
      suite.call('GET', `/applications/${APP}/pipelines?limit=5`).then((r) => r.body as Json[]);
    await eventually(list, (l) => l.some((e) => e.status === 'SUCCEEDED'), 120_000);
    await new Promise((r) => setTimeout(r, 4_000)); // two more poll cycles: nothing else may start
    const runs = await list();
    // build #1 (the baseline) triggered nothing; push and poll of #2 started one execution
    expect(runs.map((e) => e.status)).toEqual(['SUCCEEDED']);
    // The list is unexpanded (no stage outputs, as Spinnaker's): read the whole execution.
    const execution = (await suite.call('GET', `/pipelines/${runs[0].id}`)).body;
    expect(execution.trigger).toMatchObject({
      type: 'jenkins',
      master: 'ci',
      job: 'app-build',
      buildNumber: 2,
    });
    expect(execution.trigger.buildInfo).toMatchObject({ number: 2, result: 'SUCCESS' });
    const pkg = execution.stages.find((s: Json) => s.name === 'Package');
    expect(pkg.status).toBe('SUCCEEDED');
    expect(pkg.outputs).toMatchObject({ VERSION: '1.4.2', CHANNEL: 'stable' });
    expect(pkg.context.buildInfo).toMatchObject({ number: 1, result: 'SUCCESS' });
    const evaluated = execution.stages.find((s: Json) => s.name === 'Use the properties');
    expect(evaluated.outputs).toMatchObject({ imageTag: '1.4.2', fromOutputs: '1.4.2-2' });
    // igor passed the trigger's build number as the job parameter.
    expect(jenkins.requests.some((r) => r.url.includes('COMMIT=2'))).toBe(true);
  }, 300_000);
});
