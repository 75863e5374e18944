/**
 * The audit after a load: what became of every start, trigger and save gate acknowledged. Reads
 * executions from orca's Redis (`{orca}:status`, `{orca}:exec:<id>`) — the auditor looks behind the
 * API so that nothing the API might hide (a duplicate, an orphan) escapes — and configurations
 * from front50 through gate.
 */
import { createRedis } from '@genoa/shared/node';
import { APPLICATION, call, type LoadLedger, type SideEffectReceiver } from './load.js';

const COMPLETE = new Set(['SUCCEEDED', 'FAILED_CONTINUE', 'TERMINAL', 'CANCELED', 'STOPPED', 'SKIPPED']);

interface StoredExecution {
  id: string;
  status: string;
  application: string;
  trigger?: { eventId?: string };
}

/** Every execution orca holds, by id (status from the status index, document from its key). */
export async function readAllExecutions(redisUrl: string): Promise<Map<string, StoredExecution>> {
  const redis = createRedis(redisUrl, { name: 'suite-audit' });
  try {
    const ids = Object.keys(await redis.hgetall('{orca}:status'));
    const out = new Map<string, StoredExecution>();
    for (let i = 0; i < ids.length; i += 500) {
      const docs = await redis.mget(...ids.slice(i, i + 500).map((id) => `{orca}:exec:${id}`));
      for (const doc of docs) {
        if (!doc) continue;
        const e = JSON.parse(doc) as StoredExecution;
        out.set(e.id, e);
      }
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/** The audit's findings. */
export interface Audit {
  started: number;
  completed: number;
  succeeded: number;
  failed: number;
  stuck: string[];
  /** Acknowledged executions orca does not hold (lost — or, with retention on, removed when done). */
  missing: string[];
  duplicatedSideEffects: string[];
  missingSideEffects: string[];
  triggersAccepted: number;
  lostTriggers: string[];
  duplicatedTriggers: string[];
  savesAcknowledged: number;
  lostSaves: string[];
  refused: LoadLedger['refused'];
}

/** Audits once; `settled` says whether every acknowledged execution has completed. */
export async function audit(
  gate: string,
  redisUrl: string,
  ledger: LoadLedger,
  receiver: SideEffectReceiver,
): Promise<Audit> {
  const executions = await readAllExecutions(redisUrl);
  const byEvent = new Map<string, StoredExecution[]>();
  for (const e of executions.values()) {
    const eventId = e.trigger?.eventId;
    if (e.application === APPLICATION && eventId) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), e]);
  }
  const triggered = ledger.triggers.flatMap((id) => byEvent.get(id) ?? []);
  const owed = [...ledger.started.flatMap((id) => executions.get(id) ?? []), ...triggered];
  const done = owed.filter((e) => COMPLETE.has(e.status));
  const succeeded = done.filter((e) => e.status === 'SUCCEEDED');
  const configs = await call(gate, 'GET', `/applications/${APPLICATION}/pipelineConfigs`);
  const names = new Set(
    Array.isArray(configs.body) ? (configs.body as { name?: string }[]).map((p) => p.name) : [],
  );
  if (configs.status !== 200) throw new Error(`listing pipeline configs answered ${configs.status}`);
  return {
    started: owed.length,
    completed: done.length,
    succeeded: succeeded.length,
    failed: done.length - succeeded.length,
    stuck: owed.filter((e) => !COMPLETE.has(e.status)).map((e) => `${e.id} (${e.status})`),
    missing: ledger.started.filter((id) => !executions.has(id)),
    duplicatedSideEffects: receiver.duplicated(),
    missingSideEffects: succeeded.filter((e) => !receiver.counts.has(`${e.id}/side-effect`)).map((e) => e.id),
    triggersAccepted: ledger.triggers.length,
    lostTriggers: ledger.triggers.filter((id) => !byEvent.has(id)),
    duplicatedTriggers: ledger.triggers.filter((id) => (byEvent.get(id)?.length ?? 0) > 1),
    savesAcknowledged: ledger.saves.length,
    lostSaves: ledger.saves.filter((name) => !names.has(name)),
    refused: ledger.refused,
  };
}

/**
 * Audits until every acknowledged execution completed and every trigger arrived, or the deadline.
 * With `retention`, executions may have been removed once complete: missing ones are not waited for.
 */
export async function settleAndAudit(
  gate: string,
  redisUrl: string,
  ledger: LoadLedger,
  receiver: SideEffectReceiver,
  timeoutMs: number,
  retention = false,
): Promise<Audit> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await audit(gate, redisUrl, ledger, receiver).catch(() => undefined);
    const settled =
      result &&
      result.stuck.length === 0 &&
      (retention || (result.lostTriggers.length === 0 && result.missing.length === 0));
    if (result && (settled || Date.now() > deadline)) return result;
    if (!result && Date.now() > deadline) return audit(gate, redisUrl, ledger, receiver);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
