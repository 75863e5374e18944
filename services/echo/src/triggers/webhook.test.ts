import { describe, expect, it } from 'vitest';
import { matchEvent } from '../domain/trigger-loop.js';
import { triggerDefinitions } from './index.js';
import { event, fakeIgor, fixture, pipelineWith } from './test-support.js';

const source = (pipeline: ReturnType<typeof pipelineWith>) => ({
  pipelines: () => [pipeline],
  triggersOf: (type: string) =>
    (pipeline.triggers ?? []).filter((t) => t.type === type).map((trigger) => ({ pipeline, trigger })),
  fresh: async () => pipeline,
});
const webhookEvent = (name: string, src = 'myhook') => {
  const body = fixture('webhooks', name);
  return event('webhook', src, { ...body, artifacts: body.artifacts ?? [] }, { payload: body });
};

describe('webhook trigger', () => {
  it.each([
    [
      'constraints accepted',
      'spinnaker-io__webhook-payload-constraints-accepted.json',
      { source: 'myhook', payloadConstraints: { mykey: 'myvalue', bing: 'b.*p' } },
      true,
    ],
    [
      'constraints rejected (missing key)',
      'spinnaker-io__webhook-payload-constraints-rejected.json',
      { source: 'myhook', payloadConstraints: { mykey: 'myvalue', bing: 'b.*p' } },
      false,
    ],
    [
      'regex is a find, not anchored',
      'spinnaker-io__webhook-payload-constraints-accepted.json',
      { source: 'myhook', payloadConstraints: { mykey: 'yval' } },
      true,
    ],
    [
      'anchored regex',
      'spinnaker-io__webhook-payload-constraints-accepted.json',
      { source: 'myhook', payloadConstraints: { mykey: '^yval$' } },
      false,
    ],
    [
      'invalid regex never matches',
      'spinnaker-io__webhook-payload-constraints-accepted.json',
      { source: 'myhook', payloadConstraints: { mykey: '(' } },
      false,
    ],
    [
      'source is case-sensitive',
      'spinnaker-io__webhook-payload-parameters.json',
      { source: 'MyHook' },
      false,
    ],
    ['other source', 'spinnaker-io__webhook-payload-parameters.json', { source: 'other' }, false],
    [
      'disabled trigger',
      'spinnaker-io__webhook-payload-parameters.json',
      { source: 'myhook', enabled: false },
      false,
    ],
    [
      'JsonPath constraint',
      'spinnaker-io__webhook-payload-artifacts.json',
      { source: 'myhook', payloadConstraints: { '$.artifacts[*].type': 'gcs/object' } },
      true,
    ],
    [
      'JsonPath constraint not found',
      'spinnaker-io__webhook-payload-artifacts.json',
      { source: 'myhook', payloadConstraints: { '$.nope': null } },
      false,
    ],
  ])('%s', async (_name, file, trigger, expected) => {
    const pipeline = pipelineWith({ type: 'webhook', ...trigger });
    const matches = await matchEvent(webhookEvent(file), triggerDefinitions, source(pipeline), fakeIgor());
    expect(matches.length).toBe(expected ? 1 : 0);
  });

  it('resolves parameters, payload, artifacts and eventId from the body', async () => {
    const pipeline = pipelineWith({ type: 'webhook', source: 'myhook' });
    const [params] = await matchEvent(
      webhookEvent('spinnaker-io__webhook-payload-parameters.json'),
      triggerDefinitions,
      source(pipeline),
      fakeIgor(),
    );
    expect(params!.trigger).toMatchObject({
      type: 'webhook',
      source: 'myhook',
      parameters: { stack: 'prod' },
      eventId: 'evt-1',
      payload: { parameters: { stack: 'prod' } },
    });
    const [arts] = await matchEvent(
      webhookEvent('spinnaker-io__webhook-payload-artifacts.json'),
      triggerDefinitions,
      source(pipeline),
      fakeIgor(),
    );
    expect(arts!.artifacts).toEqual([
      expect.objectContaining({ type: 'gcs/object', reference: expect.stringMatching(/^gs:\/\//) }),
    ]);
  });

  it('needs an expected artifact when the trigger names one', async () => {
    const base = { type: 'webhook', source: 'myhook', expectedArtifactIds: ['ea1'] };
    const expected = (type: string) => ({
      expectedArtifacts: [{ id: 'ea1', matchArtifact: { type, name: 'manifest\\..*' } }],
    });
    const ok = pipelineWith(base, expected('gcs/object'));
    const missing = pipelineWith(base, expected('docker/image'));
    const evt = webhookEvent('spinnaker-io__webhook-payload-artifacts.json');
    expect(await matchEvent(evt, triggerDefinitions, source(ok), fakeIgor())).toHaveLength(1);
    expect(await matchEvent(evt, triggerDefinitions, source(missing), fakeIgor())).toHaveLength(0);
  });
});
