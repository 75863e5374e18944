import { describe, expect, it } from 'vitest';
import { matchEvent, startRequestFor } from '../domain/trigger-loop.js';
import { triggerDefinitions } from './index.js';
import { staticSource } from './source-helper.js';
import { event, fakeIgor, pipelineWith } from './test-support.js';

const pipeline = pipelineWith(
  { type: 'webhook', source: 'x' },
  {
    id: 'p-42',
    notifications: [{ type: 'slack', address: '#deploys', when: ['pipeline.failed'] }],
    parameterConfig: [
      { name: 'env', default: 'dev' },
      { name: 'ticket', required: true },
    ],
  },
);
const manual = (pipelineNameOrId: string, trigger: Record<string, unknown>, application = 'app') =>
  event('manual', 'gate', { application, pipelineNameOrId, trigger, user: 'alice' }, { eventId: 'u-1' });

describe('manual trigger (gate /pipelines/v2)', () => {
  it.each([
    ['by name', 'deploy', 'app', 1],
    ['by id', 'p-42', 'app', 1],
    ['other application', 'deploy', 'other', 0],
    ['unknown pipeline', 'nope', 'app', 0],
  ])('%s', async (_n, nameOrId, app, count) => {
    const matches = await matchEvent(
      manual(nameOrId, { type: 'manual' }, app),
      triggerDefinitions,
      staticSource([pipeline]),
      fakeIgor(),
    );
    expect(matches).toHaveLength(count);
  });

  it('never starts a disabled pipeline', async () => {
    const off = { ...pipeline, disabled: true };
    expect(
      await matchEvent(manual('deploy', {}), triggerDefinitions, staticSource([off]), fakeIgor()),
    ).toHaveLength(0);
  });

  it('keeps user, parameters, artifacts, executionId and merges notifications; defaults and required params', async () => {
    const given = {
      type: 'manual',
      user: 'alice',
      parameters: { ticket: 'OPS-1' },
      executionId: '01HX',
      artifacts: [{ type: 'docker/image', name: 'app', reference: 'app:1' }],
      notifications: [{ type: 'email', address: 'a@b.c', when: ['pipeline.complete'] }],
    };
    const [match] = await matchEvent(
      manual('deploy', given),
      triggerDefinitions,
      staticSource([pipeline]),
      fakeIgor(),
    );
    const request = startRequestFor(manual('deploy', given), match!);
    expect(request.trigger).toMatchObject({
      type: 'manual',
      user: 'alice',
      parameters: { env: 'dev', ticket: 'OPS-1' },
      eventId: 'u-1',
    });
    expect(request.trigger.artifacts).toHaveLength(1);
    expect(request.pipeline).toMatchObject({
      executionId: '01HX',
      notifications: [{ type: 'slack' }, { type: 'email' }],
    });
    expect(request.pipeline).not.toHaveProperty('errorMessage');
    expect(request.requestKey).toBe('echo/u-1/p-42');
    const [missing] = await matchEvent(
      manual('deploy', { type: 'manual' }),
      triggerDefinitions,
      staticSource([pipeline]),
      fakeIgor(),
    );
    expect(startRequestFor(manual('deploy', {}), missing!).pipeline).toMatchObject({
      errorMessage: 'Required parameter ticket is missing',
    });
  });

  it('re-fetches build info for a re-run of a Jenkins-triggered execution', async () => {
    const ctx = fakeIgor({ a: 'b' });
    const given = { type: 'jenkins', master: 'm', job: 'j', buildNumber: 7, propertyFile: 'b.properties' };
    const [match] = await matchEvent(
      manual('deploy', given),
      triggerDefinitions,
      staticSource([pipeline]),
      ctx,
    );
    expect(match!.trigger).toMatchObject({
      type: 'jenkins',
      buildInfo: { number: 7 },
      properties: { a: 'b' },
    });
  });
});
