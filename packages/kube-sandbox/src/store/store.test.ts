import { describe, expect, it } from 'vitest';
import { Store } from './store.js';

const obj = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'd' } });

describe('Store', () => {
  it('stamps a global resourceVersion and replays history after an RV', () => {
    const s = new Store(100);
    s.create('/configmaps', obj('a'));
    s.create('/secrets', obj('x'));
    s.create('/configmaps', obj('b'));
    expect(s.resourceVersion).toBe(3);
    const h = s.since('/configmaps', 1);
    expect('events' in h && h.events.map((e) => e.object.metadata.name)).toEqual(['b']);
  });

  it('reports expiry per resource once history is compacted or trimmed', () => {
    const s = new Store(4);
    for (let i = 0; i < 10; i++) s.create('/configmaps', obj(`c${i}`));
    expect(s.since('/configmaps', 1)).toMatchObject({ expired: true });
    expect('events' in s.since('/secrets', 1)).toBe(true);
    s.compact();
    expect(s.since('/configmaps', 9)).toMatchObject({ expired: true });
    expect(s.since('/configmaps', 10)).toEqual({ events: [] });
  });
});
