import type { PipelineExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';
import { isInWindow, nextWindowStart, type ExecutionWindow } from '../domain/execution-window.js';

// The harness clock starts at 2026-01-07 18:00 UTC: 10:00 in Los Angeles, a Wednesday (day 4).
const windowOf = (e: PipelineExecution) =>
  e.stages.find((s) => s.type === 'restrictExecutionDuringTimeWindow')!;
const restricted = (window: Record<string, unknown>) =>
  wait('1', [], { restrictExecutionDuringTimeWindow: true, restrictedExecutionWindow: window });
const openNow = { whitelist: [{ startHour: 9, startMin: 0, endHour: 17, endMin: 0 }] };

describe('execution windows', () => {
  it('jitter: waits a random minDelay…maxDelay seconds after the window, drawn once', async () => {
    const h = createHarness();
    const jitter = { enabled: true, minDelay: 30, maxDelay: 60 };
    const id = await h.start({ stages: [restricted({ ...openNow, jitter })] });
    await h.run();
    let e = await h.get(id);
    const w = windowOf(e);
    expect(w.tasks!.map((t) => t.name)).toEqual(['suspendExecutionDuringTimeWindow', 'waitForJitter']);
    const seconds = w.context.waitTime as number;
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(e.status).toBe('RUNNING');
    await h.run({ advance: true });
    e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(windowOf(e).context.waitTime).toBe(seconds);
    expect(e.stages.find((s) => s.refId === '1')!.endTime! - windowOf(e).startTime!).toBe(seconds * 1000);
  });

  it('jitter is skipped for manual triggers with skipManual, and when disabled or maxDelay is 0', async () => {
    for (const [jitter, trigger, tasks] of [
      [{ enabled: true, skipManual: true, maxDelay: 60 }, { type: 'manual' }, 1],
      [{ enabled: true, skipManual: true, maxDelay: 60 }, { type: 'webhook' }, 2],
      [{ enabled: false, maxDelay: 60 }, { type: 'webhook' }, 1],
      [{ enabled: true, maxDelay: 0 }, { type: 'webhook' }, 1],
    ] as const) {
      const h = createHarness();
      const id = await h.start({ stages: [restricted({ ...openNow, jitter })] }, trigger);
      await h.run();
      expect(windowOf(await h.get(id)).tasks).toHaveLength(tasks);
    }
  });

  it('skipRemainingWait on the window stage ends the jitter wait too', async () => {
    const h = createHarness();
    const jitter = { enabled: true, minDelay: 600, maxDelay: 600 };
    const id = await h.start({ stages: [restricted({ ...openNow, jitter })] });
    await h.run();
    await h.engine.commands.updateStage(id, windowOf(await h.get(id)).id, { skipRemainingWait: true }, 'bob');
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });

  it('whitelist days: Wednesday waits for Friday (days use Sunday = 1)', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [restricted({ days: [6] })] });
    await h.run();
    expect(windowOf(await h.get(id)).scheduledTime).toBe(Date.UTC(2026, 0, 9, 8, 0, 0)); // Fri 00:00 LA
    await h.run({ advance: true, untilMs: 3 * 24 * 60 * 60_000 });
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });

  it('the end minute belongs to the window, as in Orca (10:00 is inside 08:00–10:00)', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [restricted({ whitelist: [{ startHour: 8, startMin: 0, endHour: 10, endMin: 0 }] })],
    });
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });
});

describe('nextWindowStart', () => {
  /** The plain minute-by-minute walk the jumps must agree with. */
  const walk = (now: number, window: ExecutionWindow, tz: string) => {
    if (isInWindow(now, window, tz)) return now;
    for (let t = Math.ceil(now / 60_000) * 60_000; t <= now + 8 * 24 * 3_600_000; t += 60_000)
      if (isInWindow(t, window, tz)) return t;
    return undefined;
  };
  const windows: ExecutionWindow[] = [
    { whitelist: [{ startHour: 13, startMin: 30, endHour: 14, endMin: 0 }] },
    { whitelist: [{ startHour: 22, startMin: 0, endHour: 2, endMin: 0 }], days: [2, 3] },
    {
      whitelist: [
        { startHour: 1, startMin: 30, endHour: 3, endMin: 15 },
        { startHour: 9, startMin: 5 },
      ],
    },
    { days: [1] },
    { days: [], whitelist: [{ startHour: 2, startMin: 10, endHour: 2, endMin: 20 }] },
  ];
  // around the 2026 DST changes in Los Angeles (Mar 8, Nov 1) and an ordinary week
  const starts = [Date.UTC(2026, 2, 6, 17, 7), Date.UTC(2026, 9, 30, 3, 59), Date.UTC(2026, 0, 7, 18, 0)];
  it.each(windows.map((w, i) => [i, w] as const))('window %i agrees with a minute walk', (_, window) => {
    for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Kolkata'])
      for (const now of starts)
        for (let k = 0; k < 6; k += 1) {
          const t = now + k * 7 * 3_600_000 + k * 60_000;
          expect(nextWindowStart(t, window, tz)).toBe(walk(t, window, tz));
        }
  });
});
