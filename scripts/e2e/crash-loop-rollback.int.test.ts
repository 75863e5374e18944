/**
 * Scenario 4 (issue #12), through gate only, against the stack as `npm start` starts it.
 *
 * Given a pipeline that deploys Deployment `api` with the image its trigger names (the deploy
 * stage does not fail the pipeline: `failPipeline: false`, `continuePipeline: true`), followed by
 * an `undoRolloutManifest` stage enabled only when the deploy's status is FAILED_CONTINUE, and a
 * first run with a good image (the rollback is skipped);
 * when it runs with an image whose pods crash-loop,
 * then the deploy fails with a readable reason (which Deployment, which pod, CrashLoopBackOff), the
 * rollback stage runs, and the Deployment's pod template is back to the previous image.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from './suite.js';

const APP = 'orders';
let stack: Suite;

beforeAll(async () => {
  stack = await startSuite();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const target = { account: 'local', cloudProvider: 'kubernetes', moniker: { app: APP } };
const pipeline = {
  application: APP,
  name: 'rollout',
  parameterConfig: [{ name: 'image', required: true }],
  stages: [
    {
      refId: '1',
      type: 'deployManifest',
      name: 'Deploy',
      ...target,
      source: 'text',
      failPipeline: false,
      continuePipeline: true,
      stableTimeout: 120,
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'default' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'api' } },
            template: {
              metadata: { labels: { app: 'api' } },
              spec: { containers: [{ name: 'api', image: '${parameters.image}' }] },
            },
          },
        },
      ],
    },
    {
      refId: '2',
      requisiteStageRefIds: ['1'],
      type: 'undoRolloutManifest',
      name: 'Roll back',
      ...target,
      manifestName: 'deployment api',
      location: 'default',
      numRevisionsBack: 1,
      stageEnabled: {
        type: 'expression',
        expression: "#stage('Deploy').status.toString() == 'FAILED_CONTINUE'",
      },
    },
  ],
};

/** Runs the pipeline through gate with `image`; the finished execution. */
async function rollout(image: string): Promise<Json> {
  const started = await stack.call('POST', `/pipelines/${APP}/rollout`, { parameters: { image } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const id = String(started.body.ref).split('/').pop();
  const done = await eventually(
    () => stack.call('GET', `/pipelines/${id}`),
    (r) => ['SUCCEEDED', 'TERMINAL', 'CANCELED', 'STOPPED'].includes(r.body.status),
    120_000,
  );
  return done.body;
}

const liveImage = () =>
  stack.kubectl('get', 'deployment', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
const stageOf = (e: Json, refId: string) => e.stages.find((s: Json) => s.refId === refId);

describe('scenario 4: a crash-looping deploy fails readably and is rolled back', () => {
  it('runs the undo-rollout branch only when the deploy failed, and restores the previous image', async () => {
    // Given
    await createApplication(stack, APP);
    await savePipeline(stack, pipeline);
    const good = await rollout('nginx:1.25');
    expect(good.status).toBe('SUCCEEDED');
    expect([stageOf(good, '1').status, stageOf(good, '2').status]).toEqual(['SUCCEEDED', 'SKIPPED']);
    expect(await liveImage()).toBe('nginx:1.25');

    // When
    const bad = await rollout('example/crashloop:2.0');

    // Then: the execution JSON says why the deploy failed and that the rollback ran
    const deploy = stageOf(bad, '1');
    expect(deploy.status).toBe('FAILED_CONTINUE');
    const reason = JSON.stringify(deploy.context.exception?.details ?? deploy.context);
    // the old ReplicaSet's pods stay available during the rolling update; the new one's crash
    expect(reason).toMatch(/Manifests failed to become stable: Deployment api: \d\/2 replicas available/);
    expect(reason).toMatch(/Pod api-[a-z0-9]+-[a-z0-9]+: container api: CrashLoopBackOff/);
    expect(deploy.context.failedManifests).toEqual([{ manifestName: 'deployment api', location: 'default' }]);
    const rollback = stageOf(bad, '2');
    expect(rollback.status, JSON.stringify(rollback.context.exception)).toBe('SUCCEEDED');
    expect(bad.status).toBe('SUCCEEDED');

    // Then: the cluster runs the previous image again, and its pods become ready
    expect(await liveImage()).toBe('nginx:1.25');
    const ready = await eventually(
      async () => stack.kubeJson('deployment', 'api'),
      (d) => d.status?.readyReplicas === 2 && d.status?.updatedReplicas === 2,
      30_000,
    );
    expect(ready.status.readyReplicas).toBe(2);
    const revisions = ((await stack.kubeJson('rs', '-l', 'app=api')).items as Json[]).map(
      (rs) => rs.spec.template.spec.containers[0].image,
    );
    expect(revisions.sort()).toEqual(['example/crashloop:2.0', 'nginx:1.25']);
  }, 300_000);
});
