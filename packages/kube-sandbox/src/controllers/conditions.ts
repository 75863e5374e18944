import type { Loose } from '../types.js';
import { timestamp } from '../types.js';

/** A status condition to set. */
export interface ConditionInput {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/**
 * Sets a condition like the controllers' SetCondition: same status and reason is a no-op;
 * a status change gets a new lastTransitionTime; `touch` moves lastUpdateTime (progress).
 */
export function setCondition(
  conditions: Loose[],
  c: ConditionInput,
  now: number,
  withUpdateTime: boolean,
  touch = false,
): Loose[] {
  const ts = timestamp(now);
  const i = conditions.findIndex((x) => x.type === c.type);
  const old = i >= 0 ? conditions[i] : undefined;
  if (old && old.status === c.status && old.reason === c.reason && !touch) {
    if (old.message === c.message) return conditions;
  }
  const next: Loose = {
    type: c.type,
    status: c.status,
    ...(withUpdateTime ? { lastUpdateTime: ts } : {}),
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : ts,
    reason: c.reason,
    message: c.message,
  };
  if (old && old.status === c.status && old.reason === c.reason && !touch && withUpdateTime) {
    next.lastUpdateTime = old.lastUpdateTime;
  }
  const out = conditions.filter((x) => x.type !== c.type);
  if (i >= 0) out.splice(i, 0, next);
  else out.push(next);
  return out;
}

/** The condition of `type`, if present. */
export function getCondition(conditions: Loose[] | undefined, type: string): Loose | undefined {
  return (conditions ?? []).find((c) => c.type === type);
}
