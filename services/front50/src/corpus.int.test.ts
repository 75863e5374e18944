import { fixturePipelines, uniqueName, type S3Handle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, startStore, type Replica } from './test-harness.js';

/** Fields front50 sets on every save; everything else must come back exactly as sent. */
const serverSet = ['updateTs', 'lastModifiedBy', 'lastModified'];

const strip = (pipeline: Record<string, unknown>) => {
  const copy: Record<string, unknown> = { ...pipeline };
  for (const field of serverSet) delete copy[field];
  if (Array.isArray(copy.triggers)) {
    copy.triggers = copy.triggers.map((t: Record<string, unknown>) =>
      t?.type === 'cron' ? { ...t, id: '<cron id>' } : t,
    );
  }
  return copy;
};

let s3: S3Handle;
let f50: Replica;
beforeAll(async () => {
  ({ s3 } = await startStore());
  f50 = await startReplica(s3, { bucket: uniqueName('corpus') });
});
afterAll(async () => {
  await f50.app.close();
  await s3.stop();
});

describe('compatibility corpus: every fixture pipeline saves and reads back unchanged', () => {
  const fixtures = fixturePipelines();

  it('has the corpus', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
  });

  it.each(fixtures.map((f) => [`${f.file}#${f.index}`, f.pipeline] as const))(
    '%s',
    async (label, fixture) => {
      // Exported pipelines may lack an application, a name or an id: give them what a user importing would.
      const input: Record<string, unknown> = {
        ...fixture,
        application:
          typeof fixture.application === 'string' && fixture.application.trim()
            ? fixture.application
            : 'corpus',
        name: typeof fixture.name === 'string' && fixture.name.trim() ? fixture.name.trim() : label,
        id: typeof fixture.id === 'string' && fixture.id ? `${fixture.id}-${uniqueName()}` : uniqueName('id'),
      };
      const saved = await f50.call('POST', '/pipelines', input, 'corpus-user');
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      expect(saved.json.lastModifiedBy).toBe('corpus-user');
      const read = await f50.call('GET', `/pipelines/${encodeURIComponent(String(input.id))}/get`);
      expect(read.json).toEqual(saved.json);
      expect(strip(read.json)).toEqual(strip(input));
      const byName = await f50.call(
        'GET',
        `/pipelines/${encodeURIComponent(String(input.application))}/name/${encodeURIComponent(String(input.name))}`,
      );
      expect(byName.json.id).toBe(input.id);
      // Real exports repeat names within an application: remove it so the next fixture can reuse them.
      const path = `/pipelines/${encodeURIComponent(String(input.application))}/${encodeURIComponent(String(input.name))}`;
      expect((await f50.call('DELETE', path)).status).toBe(200);
    },
  );
});
