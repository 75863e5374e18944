import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { podStatus } from './table-cells.js';
import { humanDuration } from './table.js';

describe('Table cells', () => {
  it.each([
    [0, '0s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [30 * 3600_000, '30h'],
    [50 * 3600_000, '2d2h'],
    [400 * 86400_000, '400d'],
    [-5000, '<invalid>'],
  ])('humanDuration(%i) = %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('pod STATUS follows the waiting reason, then Terminating', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { finishedAt: '2025-01-01T00:00:00Z' } },
          },
        ],
      },
    };
    expect(podStatus(pod)).toEqual({
      status: 'CrashLoopBackOff',
      ready: 0,
      restarts: 3,
      lastRestart: '2025-01-01T00:00:00Z',
    });
    pod.metadata.deletionTimestamp = '2025-01-01T00:00:01Z';
    expect(podStatus(pod).status).toBe('Terminating');
  });
});
