import { fixtureFiles } from '@genoa/testing';
import type { EchoEvent, Pipeline } from '@genoa/shared';
import type { TriggerContext } from '../domain/trigger-definition.js';

/** A fixture's JSON by file name (test helper). */
export const fixture = (folder: 'webhooks' | 'jenkins', name: string): Record<string, unknown> =>
  structuredClone(fixtureFiles(folder).find((f) => f.name === name)!.json) as Record<string, unknown>;

/** An event around a content map (test helper). */
export const event = (
  type: string,
  source: string,
  content: Record<string, unknown>,
  extra: Partial<EchoEvent> = {},
): EchoEvent => ({
  details: { type, source },
  content,
  eventId: 'evt-1',
  ...extra,
});

/** A pipeline with one trigger (test helper). */
export const pipelineWith = (trigger: Record<string, unknown>, extra: Partial<Pipeline> = {}): Pipeline => ({
  id: 'p1',
  application: 'app',
  name: 'deploy',
  stages: [],
  triggers: [
    { enabled: true, ...trigger } as Pipeline['triggers'] extends (infer T)[] | null | undefined ? T : never,
  ],
  ...extra,
});

/** A fake igor for trigger hooks (test helper): fixed build info and properties. */
export const fakeIgor = (properties: Record<string, unknown> = {}): TriggerContext & { calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    igor: {
      buildInfo: async (master, job, n) => (
        calls.push(`buildInfo ${master} ${job} ${n}`),
        { number: n, result: 'SUCCESS', name: job }
      ),
      properties: async (master, job, n, file) => (
        calls.push(`properties ${master} ${job} ${n} ${file}`),
        properties
      ),
    },
  };
};
