import { describe, expect, it } from 'vitest';
import type { Pipeline } from '@genoa/shared';
import { matchEvent, startRequestFor } from '../domain/trigger-loop.js';
import { triggerDefinitions } from './index.js';
import { staticSource } from './source-helper.js';
import { event, fakeIgor, pipelineWith } from './test-support.js';

const push = (tag: string, extra: Record<string, unknown> = {}) =>
  event('docker', 'igor', {
    account: 'harbor',
    registry: 'harbor.example.com',
    repository: 'shop/api',
    tag,
    digest: `sha256:${'d'.repeat(64)}`,
    ...extra,
  });
const trigger = (extra: Record<string, unknown> = {}) => ({
  type: 'docker',
  account: 'harbor',
  repository: 'shop/api',
  ...extra,
});
const run = (e: ReturnType<typeof push>, pipelines: Pipeline[]) =>
  matchEvent(e, triggerDefinitions, staticSource(pipelines), fakeIgor());

describe('docker trigger', () => {
  it.each([
    ['exact tag', push('1.2.3'), trigger({ tag: '1.2.3' }), 1],
    ['regex matching the whole tag', push('1.2.3'), trigger({ tag: '1\\..*' }), 1],
    [
      'regex is anchored (Java matches): a substring is not enough',
      push('21.2.3'),
      trigger({ tag: '1\\..*' }),
      0,
    ],
    ['empty tag: any tag', push('feature-x'), trigger({ tag: '' }), 1],
    ['no tag: any tag but latest', push('latest'), trigger(), 0],
    ['tag regex may select latest', push('latest'), trigger({ tag: 'latest' }), 1],
    ['other account', push('1'), trigger({ account: 'dockerhub' }), 0],
    ['other repository', push('1'), trigger({ repository: 'shop/web' }), 0],
    ['disabled trigger', push('1'), trigger({ enabled: false }), 0],
    ['invalid regex never matches', push('1'), trigger({ tag: '(' }), 0],
    ['no repository: invalid trigger', push('1'), trigger({ repository: undefined }), 0],
    [
      'event type is case-insensitive (igor sends DOCKER)',
      { ...push('1'), details: { type: 'DOCKER', source: 'igor' } },
      trigger(),
      1,
    ],
  ])('%s', async (_name, e, t, count) => {
    expect(await run(e, [pipelineWith(t)])).toHaveLength(count);
  });

  it('a disabled pipeline contributes no trigger', async () => {
    expect(await run(push('1'), [pipelineWith(trigger(), { disabled: true })])).toHaveLength(0);
  });

  it('resolves tag, digest, eventId and the docker/image artifact', async () => {
    const [m] = await run(push('1.2.3'), [pipelineWith(trigger({ tag: '1\\..*' }))]);
    const request = startRequestFor(push('1.2.3'), m!);
    const artifact = {
      type: 'docker/image',
      name: 'harbor.example.com/shop/api',
      version: '1.2.3',
      reference: 'harbor.example.com/shop/api:1.2.3',
      metadata: { digest: `sha256:${'d'.repeat(64)}` },
    };
    expect(request.trigger).toMatchObject({
      type: 'docker',
      account: 'harbor',
      repository: 'shop/api',
      registry: 'harbor.example.com',
      tag: '1.2.3',
      digest: `sha256:${'d'.repeat(64)}`,
      eventId: 'evt-1',
      artifacts: [artifact],
    });
    expect(request.pipeline.receivedArtifacts).toEqual([artifact]);
    expect(request.pipeline.errorMessage).toBeUndefined();
  });
});

describe('docker trigger with expected artifacts', () => {
  const image = (name: string, extra: Record<string, unknown> = {}) => ({
    id: `ea-${name}`,
    displayName: name,
    matchArtifact: { type: 'docker/image', name, artifactAccount: 'docker-registry' },
    ...extra,
  });
  const withExpected = (ids: string[], expected: Record<string, unknown>[]) =>
    pipelineWith(trigger({ expectedArtifactIds: ids }), { expectedArtifacts: expected } as Partial<Pipeline>);

  it('fires when the pushed image matches (artifactAccount in matchArtifact is ignored, as kork does)', async () => {
    const pipeline = withExpected(['ea-api'], [image('harbor\\.example\\.com/shop/api', { id: 'ea-api' })]);
    const [m] = await run(push('7'), [pipeline]);
    const request = startRequestFor(push('7'), m!);
    expect(request.trigger.resolvedExpectedArtifacts).toEqual([
      expect.objectContaining({ id: 'ea-api', boundArtifact: expect.objectContaining({ version: '7' }) }),
    ]);
  });

  it('does not fire when the pushed image does not match the expected artifact', async () => {
    const pipeline = withExpected(['ea-web'], [image('harbor\\.example\\.com/shop/web', { id: 'ea-web' })]);
    expect(await run(push('7'), [pipeline])).toHaveLength(0);
  });

  it('expected artifacts marked usePriorArtifact are not required to match (echo leaves them to orca)', async () => {
    const pipeline = withExpected(['ea-web'], [image('other', { id: 'ea-web', usePriorArtifact: true })]);
    const [m] = await run(push('7'), [pipeline]);
    const request = startRequestFor(push('7'), m!);
    expect(request.pipeline.errorMessage).toBeUndefined();
    expect(request.trigger.resolvedExpectedArtifacts).toEqual([]);
  });

  it('binds a defaultArtifact for an expected artifact the push does not provide; unresolved ones fail', async () => {
    const config = {
      id: 'ea-config',
      displayName: 'config',
      matchArtifact: { type: 'embedded/base64', name: 'config' },
      defaultArtifact: { type: 'embedded/base64', name: 'config', reference: 'e30=' },
      useDefaultArtifact: true,
    };
    const pipeline = withExpected(
      ['ea-api'],
      [image('harbor\\.example\\.com/shop/api', { id: 'ea-api' }), config],
    );
    const [m] = await run(push('7'), [pipeline]);
    const request = startRequestFor(push('7'), m!);
    expect((request.trigger.resolvedExpectedArtifacts as { id: string }[]).map((e) => e.id)).toEqual([
      'ea-api',
      'ea-config',
    ]);
    expect(request.trigger.artifacts).toContainEqual(config.defaultArtifact);

    const strict = withExpected(
      ['ea-api', 'ea-db'],
      [image('harbor\\.example\\.com/shop/api', { id: 'ea-api' }), image('db', { id: 'ea-db' })],
    );
    const [s] = await run(push('7'), [strict]);
    expect(startRequestFor(push('7'), s!).pipeline.errorMessage).toBe(
      'Unmatched expected artifact db could not be resolved.',
    );
  });
});
