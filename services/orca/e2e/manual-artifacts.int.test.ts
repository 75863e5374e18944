import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deployment,
  stageError,
  startManifestStack,
  type ManifestStack,
} from './__fixtures__/manifest-stack.js';

/**
 * A pipeline started through `/orchestrate` (gate's manual run) with `expectedArtifacts`: its
 * deployManifest stage requires the expected image, bound to the trigger's artifact when one
 * matches, else to the default.
 */
let stack: ManifestStack;
beforeAll(async () => {
  stack = await startManifestStack();
}, 90_000);
afterAll(async () => stack?.stop());

const IMAGE = 'registry.example.com/shop/api';
const pipeline = (name: string) => ({
  expectedArtifacts: [
    {
      id: 'api-image',
      matchArtifact: { type: 'docker/image', name: IMAGE },
      defaultArtifact: { type: 'docker/image', name: IMAGE, reference: `${IMAGE}:stable` },
      useDefaultArtifact: true,
    },
  ],
  stages: [
    {
      refId: '1',
      type: 'deployManifest',
      name: 'Deploy',
      account: 'local',
      cloudProvider: 'kubernetes',
      source: 'text',
      moniker: { app: 'demo' },
      requiredArtifactIds: ['api-image'],
      manifests: [{ ...deployment(name, 1, IMAGE) }],
    },
  ],
});
const liveImage = async (name: string) =>
  (
    await stack.kube<{ spec: { template: { spec: { containers: { image: string }[] } } } }>(
      `/apis/apps/v1/namespaces/default/deployments/${name}`,
    )
  )?.spec.template.spec.containers[0]?.image;

describe("a manual run binds the pipeline's expected artifacts", () => {
  it("to the trigger's matching artifact", async () => {
    const e = await stack.run(pipeline('manual-bound'), {
      trigger: {
        type: 'manual',
        artifacts: [{ type: 'docker/image', name: IMAGE, version: '3.1', reference: `${IMAGE}:3.1` }],
      },
    });
    expect(e.status, stageError(e)).toBe('SUCCEEDED');
    expect(await liveImage('manual-bound')).toBe(`${IMAGE}:3.1`);
  });

  it('to its default when the trigger has none', async () => {
    const e = await stack.run(pipeline('manual-default'), { trigger: { type: 'manual' } });
    expect(e.status, stageError(e)).toBe('SUCCEEDED');
    expect(await liveImage('manual-default')).toBe(`${IMAGE}:stable`);
  });
});
