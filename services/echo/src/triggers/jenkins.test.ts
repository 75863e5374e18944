import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '@genoa/testing';
import { EchoEventSchema, InputError, ServiceUnavailableError, UpstreamError } from '@genoa/shared';
import { matchEvent } from '../domain/trigger-loop.js';
import { triggerDefinitions } from './index.js';
import { staticSource } from './source-helper.js';
import { fakeIgor, pipelineWith } from './test-support.js';

type Raw = {
  details: { type: string; source: string };
  content: {
    master: string;
    project: { name: string; lastBuild?: { result?: string; building?: boolean; number: number } };
  };
};
const corpus = (
  fixtureFiles('webhooks').find((f) => f.name === 'echo__igor-build-events.json')!.json as Raw[]
).map((e, i) => ({ ...e, eventId: `e${i}` }));
const successful = corpus.find(
  (e) => e.content.project.lastBuild?.result === 'SUCCESS' && e.content.project.lastBuild.building === false,
)!;
const failed = corpus.find((e) => e.content.project.lastBuild?.result === 'FAILURE')!;
const building = corpus.find((e) => e.content.project.lastBuild?.building === true)!;

const trigger = (e: Raw, extra: Record<string, unknown> = {}) => ({
  type: 'jenkins',
  master: e.content.master,
  job: e.content.project.name,
  ...extra,
});

describe('jenkins trigger over echo’s igor build event corpus', () => {
  it('every corpus event is a valid echo event', () => {
    expect(corpus.length).toBeGreaterThan(600);
    for (const e of corpus) expect(EchoEventSchema.safeParse(e).success).toBe(true);
  });

  it.each([
    ['SUCCESS build, same master and job', successful, trigger(successful), 1],
    ['FAILURE never triggers', failed, trigger(failed), 0],
    ['a running build never triggers', building, trigger(building), 0],
    ['other job', successful, trigger(successful, { job: 'other' }), 0],
    ['other master', successful, trigger(successful, { master: 'other' }), 0],
    ['no master: invalid trigger', successful, trigger(successful, { master: undefined }), 0],
  ])('%s', async (_n, e, t, count) => {
    const matches = await matchEvent(
      e as never,
      triggerDefinitions,
      staticSource([pipelineWith(t)]),
      fakeIgor(),
    );
    expect(matches).toHaveLength(count);
  });

  it('each SUCCESS event of the corpus triggers exactly the pipelines listening to its job', async () => {
    const jobs = [...new Set(corpus.map((e) => `${e.content.master}|${e.content.project.name}`))].slice(
      0,
      40,
    );
    const pipelines = jobs.map((key, i) => {
      const [master, job] = key.split('|');
      return pipelineWith({ type: 'jenkins', master, job }, { id: `p${i}` });
    });
    let expected = 0;
    let actual = 0;
    for (const e of corpus) {
      const ok = e.content.project.lastBuild?.result === 'SUCCESS' && !e.content.project.lastBuild.building;
      if (ok && jobs.includes(`${e.content.master}|${e.content.project.name}`)) expected += 1;
      actual += (await matchEvent(e as never, triggerDefinitions, staticSource(pipelines), fakeIgor()))
        .length;
    }
    expect(expected).toBeGreaterThan(10);
    expect(actual).toBe(expected);
  });

  it('resolves buildNumber, link, buildInfo and properties; constraints test the property file', async () => {
    const ctx = fakeIgor({ version: '1.2.3', env: 'prod' });
    const t = trigger(successful, { propertyFile: 'build.properties', payloadConstraints: { env: 'prod' } });
    const [match] = await matchEvent(
      successful as never,
      triggerDefinitions,
      staticSource([pipelineWith(t)]),
      ctx,
    );
    const n = successful.content.project.lastBuild!.number;
    expect(match!.trigger).toMatchObject({
      buildNumber: n,
      eventId: successful.eventId,
      properties: { version: '1.2.3' },
      buildInfo: { number: n },
    });
    expect(ctx.calls).toContain(
      `properties ${successful.content.master} ${successful.content.project.name} ${n} build.properties`,
    );
    const refused = trigger(successful, {
      propertyFile: 'build.properties',
      payloadConstraints: { env: '^staging$' },
    });
    expect(
      await matchEvent(successful as never, triggerDefinitions, staticSource([pipelineWith(refused)]), ctx),
    ).toHaveLength(0);
  });

  it('igor down (or failing) fails the event so it is retried; a bad property file skips the trigger', async () => {
    const failing = (err: Error) => ({
      igor: { buildInfo: async () => Promise.reject(err), properties: async () => Promise.reject(err) },
    });
    const source = staticSource([pipelineWith(trigger(successful, { propertyFile: 'build.properties' }))]);
    await expect(
      matchEvent(
        successful as never,
        triggerDefinitions,
        source,
        failing(new ServiceUnavailableError('down')),
      ),
    ).rejects.toThrow('down');
    await expect(
      matchEvent(successful as never, triggerDefinitions, source, failing(new UpstreamError('boom', 500))),
    ).rejects.toThrow('boom');
    const skipped: unknown[] = [];
    expect(
      await matchEvent(
        successful as never,
        triggerDefinitions,
        source,
        failing(new InputError('property file build.properties could not be parsed')),
        (info) => void skipped.push(info.err),
      ),
    ).toEqual([]);
    expect(skipped).toHaveLength(1);
  });
});
