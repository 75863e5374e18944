/**
 * Scenario 2 (issue #12), PENDING orca's `jenkins` stage — see README.md here. Rename to
 * `scripts/e2e/jenkins-properties.int.test.ts` (and import `./suite.js`).
 *
 * Given a Jenkins master (the double) watched by igor, and a pipeline triggered by its `app-build`
 * job whose `jenkins` stage runs `app-package` with a property file; when `app-build` #2 completes,
 * then the pipeline starts with the build in its trigger, the Jenkins stage reads
 * `build.properties`, and a later stage's expression sees the property.
 */
import { startJenkinsDouble, type JenkinsDouble } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from '../suite.js';

const APP = 'builds';
let suite: Suite;
let jenkins: JenkinsDouble;

beforeAll(async () => {
  jenkins = await startJenkinsDouble({ username: 'ci', apiToken: 'ci-token' });
  jenkins.addJob('app-build');
  jenkins.addJob('app-package', { parameters: [{ name: 'COMMIT', defaultValue: '' } as never] });
  // Build #1 exists before igor first looks: it is the baseline, never a trigger.
  jenkins.completeBuild('app-build', jenkins.startBuild('app-build'), 'SUCCESS');
  suite = await startSuite({
    IGOR_JENKINS_MASTERS: JSON.stringify([
      { name: 'ci', address: jenkins.url, username: 'ci', apiToken: 'ci-token' },
    ]),
    IGOR_POLL_INTERVAL_SECONDS: '1',
    ECHO_PIPELINE_CACHE_REFRESH_MS: '1000',
  });
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

    // When app-build #2 completes.
    jenkins.completeBuild('app-build', jenkins.startBuild('app-build'), 'SUCCESS');

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
    const runs = await eventually(list, (l) => l.some((e) => e.status === 'SUCCEEDED'), 120_000);
    expect(runs).toHaveLength(1); // build #1 (the baseline) triggered nothing
    const execution = runs[0];
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
