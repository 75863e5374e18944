/**
 * Scenario 4 (issue #12), PENDING orca's manifest stages and `undoRolloutManifest` — see README.md
 * here. Rename to `scripts/e2e/crash-loop-undo.int.test.ts` (and import `./suite.js`,
 * `./pending/kube.js`).
 *
 * Given a healthy Deployment at revision 1, when a pipeline deploys an image whose pods crash-loop,
 * then the deploy stage fails with a readable reason (CrashLoopBackOff), the `undoRolloutManifest`
 * stage on the failure branch (`stageEnabled` on the deploy's status) rolls the Deployment back,
 * and the cluster runs the previous image again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from '../suite.js';
import { kubectlJson } from './kube.js';

const APP = 'api';
let suite: Suite;

beforeAll(async () => {
  suite = await startSuite();
}, 180_000);
afterAll(async () => {
  await suite?.stop();
}, 60_000);

const deployment = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } },
  },
});

const deployStage = (image: string) => ({
  refId: '1',
  type: 'deployManifest',
  name: 'Deploy',
  account: 'local',
  cloudProvider: 'kubernetes',
  source: 'text',
  moniker: { app: APP },
  manifests: [deployment(image)],
  stageTimeoutMs: 60_000,
});

async function run(name: string): Promise<Json> {
  const started = await suite.call('POST', `/pipelines/${APP}/${name}`, {});
  expect(started.status).toBe(202);
  const id = String(started.body.ref).split('/')[2];
  const done = await eventually(
    () => suite.call('GET', `/pipelines/${id}`),
    (r) => ['SUCCEEDED', 'TERMINAL'].includes(r.body.status),
    180_000,
  );
  return done.body;
}

describe('scenario 4: a crash-looping deploy fails readably and is rolled back', () => {
  it('undoes the rollout on the failure branch', async () => {
    await createApplication(suite, APP);
    await savePipeline(suite, {
      application: APP,
      name: 'baseline',
      stages: [deployStage('registry/api:1.0')],
    });
    expect((await run('baseline')).status).toBe('SUCCEEDED');

    await savePipeline(suite, {
      application: APP,
      name: 'release',
      stages: [
        { ...deployStage('registry/api:2.0-crashloop'), failPipeline: false, continuePipeline: true },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'undoRolloutManifest',
          name: 'Roll back',
          account: 'local',
          cloudProvider: 'kubernetes',
          location: 'default',
          manifestName: 'deployment api',
          mode: 'static',
          numRevisionsBack: 1,
          stageEnabled: {
            type: 'expression',
            expression: "${#stage('Deploy').status.toString() != 'SUCCEEDED'}",
          },
        },
      ],
    });
    const execution = await run('release');

    const deploy = execution.stages.find((s: Json) => s.name === 'Deploy');
    expect(deploy.status).toBe('FAILED_CONTINUE');
    const errors = JSON.stringify(deploy.context.exception ?? deploy.tasks);
    expect(errors).toMatch(/CrashLoopBackOff/);
    const rollback = execution.stages.find((s: Json) => s.name === 'Roll back');
    expect(rollback.status).toBe('SUCCEEDED');
    expect(execution.status).toBe('SUCCEEDED');

    // The cluster runs 1.0 again, all replicas ready.
    const api = await eventually(
      async () => kubectlJson(suite, 'deployment', 'api', '-n', 'default'),
      (d) => d.spec.template.spec.containers[0].image === 'registry/api:1.0' && d.status.readyReplicas === 2,
      60_000,
    );
    expect(api.spec.template.spec.containers[0].image).toBe('registry/api:1.0');
    expect(api.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
  }, 400_000);
});
