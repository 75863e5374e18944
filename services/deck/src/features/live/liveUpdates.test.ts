import { describe, expect, it, vi } from 'vitest';
import {
  liveEventsUrl,
  startLiveUpdates,
  type EventSourceLike,
  type LiveMode,
  type LiveTimers,
} from './liveUpdates.js';

/** A stand-in for the browser's EventSource: the test opens it, fails it and sends events. */
class FakeStream implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
  emit(type: string, data: unknown) {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const listener of this.listeners.get(type) ?? []) listener({ data: text } as MessageEvent<string>);
  }
}

/** Manual timers: `tick(ms)` runs what is due. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const jobs = new Map<number, { at: number; every?: number; fn: () => void }>();
  const timers: LiveTimers = {
    setInterval: (fn, ms) => (jobs.set(next, { at: now + ms, every: ms, fn }), next++),
    clearInterval: (h) => jobs.delete(h as number),
    setTimeout: (fn, ms) => (jobs.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (h) => jobs.delete(h as number),
  };
  const tick = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, job] = due;
      now = job.at;
      if (job.every) job.at += job.every;
      else jobs.delete(id);
      job.fn();
    }
    now = end;
  };
  return { timers, tick, pending: () => jobs.size };
}

function setup(withStream = true) {
  const streams: FakeStream[] = [];
  const { timers, tick, pending } = manualTimers();
  const onResync = vi.fn();
  const onExecution = vi.fn();
  const onInfrastructure = vi.fn();
  const modes: LiveMode[] = [];
  const stop = startLiveUpdates({
    application: 'cargo',
    onResync,
    onExecution,
    onInfrastructure,
    onModeChange: (m) => modes.push(m),
    openStream: withStream
      ? (url) => {
          const s = new FakeStream(url);
          streams.push(s);
          return s;
        }
      : undefined,
    pollMs: 5_000,
    reopenMs: 15_000,
    timers,
    whenLoaded: (open) => open(),
  });
  return { streams, tick, pending, onResync, onExecution, onInfrastructure, modes, stop };
}

const execEvent = { application: 'cargo', executionId: 'e1', type: 'orca:stage:complete', timestamp: 1 };

describe('startLiveUpdates', () => {
  it('opens gate’s stream through deck’s proxy and resyncs at start and on open, then stops polling', () => {
    const t = setup();
    expect(t.streams[0]?.url).toBe('/gate/events/applications/cargo');
    expect(liveEventsUrl('a b')).toBe('/gate/events/applications/a%20b');
    expect(t.onResync).toHaveBeenCalledTimes(1);
    t.tick(5_000); // not open yet: polling
    expect(t.onResync).toHaveBeenCalledTimes(2);
    t.streams[0]?.open();
    expect(t.onResync).toHaveBeenCalledTimes(3);
    t.tick(60_000);
    expect(t.onResync).toHaveBeenCalledTimes(3);
    expect(t.modes).toEqual(['connecting', 'live']);
  });

  it('forwards valid events of its application only', () => {
    const t = setup();
    const s = t.streams[0]!;
    s.open();
    s.emit('execution', execEvent);
    s.emit('execution', { ...execEvent, application: 'other' });
    s.emit('execution', { application: 'cargo' });
    s.emit('execution', 'not json');
    s.emit('infrastructure', { application: 'cargo', kind: 'replicaSet', timestamp: 2 });
    expect(t.onExecution).toHaveBeenCalledTimes(1);
    expect(t.onExecution).toHaveBeenCalledWith(execEvent);
    expect(t.onInfrastructure).toHaveBeenCalledWith({
      application: 'cargo',
      kind: 'replicaSet',
      timestamp: 2,
    });
  });

  it('polls while the browser reconnects and resyncs when the stream is back', () => {
    const t = setup();
    const s = t.streams[0]!;
    s.open();
    t.onResync.mockClear();
    s.fail(0); // CONNECTING: the browser retries by itself
    t.tick(10_000);
    expect(t.onResync).toHaveBeenCalledTimes(2);
    expect(t.streams).toHaveLength(1);
    s.open();
    expect(t.onResync).toHaveBeenCalledTimes(3);
    t.tick(10_000);
    expect(t.onResync).toHaveBeenCalledTimes(3);
    expect(t.modes).toEqual(['connecting', 'live', 'polling', 'live']);
  });

  it('falls back to polling when gate has no stream, and tries a new stream later', () => {
    const t = setup();
    t.streams[0]!.fail(2); // e.g. a 404: the browser gives up
    expect(t.streams[0]!.closed).toBe(true);
    t.tick(14_999);
    expect(t.onResync).toHaveBeenCalledTimes(1 + 2);
    expect(t.streams).toHaveLength(1);
    t.tick(1);
    expect(t.streams).toHaveLength(2);
    t.streams[1]!.open();
    expect(t.modes.at(-1)).toBe('live');
  });

  it('only polls when the browser has no EventSource, and stops cleanly', () => {
    const t = setup(false);
    expect(t.modes).toEqual(['polling']);
    t.tick(15_000);
    expect(t.onResync).toHaveBeenCalledTimes(4);
    t.stop();
    t.tick(15_000);
    expect(t.onResync).toHaveBeenCalledTimes(4);
    expect(t.pending()).toBe(0);
  });

  it('closes the stream on stop', () => {
    const t = setup();
    t.stop();
    expect(t.streams[0]!.closed).toBe(true);
    expect(t.pending()).toBe(0);
  });
});
