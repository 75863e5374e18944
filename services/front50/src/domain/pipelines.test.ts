import { describe, expect, it } from 'vitest';
import {
  assignCronTriggerIds,
  isTriggeredBy,
  isTriggerEnabled,
  matchesFilters,
  sortForApplication,
} from './pipelines.js';

describe('pipeline rules', () => {
  it.each([
    [true, true],
    ['TRUE', true],
    ['false', false],
    [1, false],
    [undefined, false],
  ])('trigger enabled=%s counts as %s', (enabled, expected) => {
    expect(isTriggerEnabled({ enabled })).toBe(expected);
  });

  it('sorts by index (missing last) then name, and renumbers index', () => {
    const sorted = sortForApplication([{ name: 'b' }, { name: 'A' }, { name: 'z', index: 7 }]);
    expect(sorted.map((p) => [p.name, p.index])).toEqual([
      ['z', 0],
      ['A', 1],
      ['b', 2],
    ]);
  });

  it('assigns missing cron ids and regenerates all on request, leaving other triggers alone', () => {
    const input = { triggers: [{ type: 'cron', id: 'keep' }, { type: 'cron' }, { type: 'jenkins' }] };
    const kept = assignCronTriggerIds(input, false).triggers as { id?: string }[];
    expect(kept[0]?.id).toBe('keep');
    expect(kept[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept[2]?.id).toBeUndefined();
    expect((assignCronTriggerIds(input, true).triggers as { id?: string }[])[0]?.id).not.toBe('keep');
  });

  it('filters by enabled state and triggers only when a filter is given', () => {
    const p = { disabled: false, triggers: [{ type: 'git', enabled: 'true' }] };
    expect(matchesFilters({ triggers: [] }, {})).toBe(true);
    expect(matchesFilters(p, { triggerTypes: ['git'] })).toBe(true);
    expect(matchesFilters(p, { triggerTypes: ['cron'] })).toBe(false);
    expect(matchesFilters(p, { enabledPipelines: false })).toBe(false);
    expect(matchesFilters(p, { enabledTriggers: false })).toBe(false);
  });

  it('matches triggeredBy on an enabled pipeline trigger with the status', () => {
    const p = { triggers: [{ type: 'pipeline', enabled: true, pipeline: 'up', status: ['failed'] }] };
    expect(isTriggeredBy(p, 'up', 'failed')).toBe(true);
    expect(isTriggeredBy(p, 'up', 'successful')).toBe(false);
    expect(isTriggeredBy({ ...p, disabled: true }, 'up', 'failed')).toBe(false);
  });
});
