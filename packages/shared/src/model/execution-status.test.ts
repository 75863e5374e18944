import { describe, expect, it } from 'vitest';
import {
  allowsDownstream,
  COMPLETED_STATUSES,
  ExecutionStatus,
  ExecutionStatusSchema,
  isComplete,
  isFailure,
  isHalt,
  isSuccessful,
} from './execution-status.js';

// Orca's ExecutionStatus table (engine.md §2.5): status → [complete, halt].
const orcaTable: [ExecutionStatus, boolean, boolean][] = [
  ['NOT_STARTED', false, false],
  ['RUNNING', false, false],
  ['PAUSED', false, false],
  ['SUSPENDED', false, false],
  ['SUCCEEDED', true, false],
  ['FAILED_CONTINUE', true, false],
  ['TERMINAL', true, true],
  ['CANCELED', true, true],
  ['REDIRECT', false, false],
  ['STOPPED', true, true],
  ['SKIPPED', true, false],
  ['BUFFERED', false, false],
];

describe('ExecutionStatus', () => {
  it('has exactly the twelve Orca values', () => {
    expect(Object.values(ExecutionStatus).sort()).toEqual(orcaTable.map(([s]) => s).sort());
  });

  it.each(orcaTable)('%s: complete=%s halt=%s', (status, complete, halt) => {
    expect(isComplete(status)).toBe(complete);
    expect(isHalt(status)).toBe(halt);
  });

  it('matches Orca’s COMPLETED, isSuccessful and isFailure sets', () => {
    expect([...COMPLETED_STATUSES].sort()).toEqual(
      ['CANCELED', 'SUCCEEDED', 'STOPPED', 'SKIPPED', 'TERMINAL', 'FAILED_CONTINUE'].sort(),
    );
    const all = Object.values(ExecutionStatus);
    expect(all.filter(isSuccessful).sort()).toEqual(['SKIPPED', 'STOPPED', 'SUCCEEDED']);
    expect(all.filter(isFailure).sort()).toEqual(['FAILED_CONTINUE', 'STOPPED', 'TERMINAL']);
    expect(all.filter(allowsDownstream).sort()).toEqual(['FAILED_CONTINUE', 'SKIPPED', 'SUCCEEDED']);
  });

  it('rejects values Orca does not know, including other casings', () => {
    expect(ExecutionStatusSchema.safeParse('succeeded').success).toBe(false);
    expect(ExecutionStatusSchema.safeParse('DONE').success).toBe(false);
    expect(ExecutionStatusSchema.parse('SUCCEEDED')).toBe('SUCCEEDED');
  });
});
