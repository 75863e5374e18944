/**
 * `npm run faults`: the whole suite under a steady load through gate (pipeline starts, webhook
 * triggers, pipeline saves), while every part is broken in turn — `kill -9` of orca, echo, igor,
 * front50, clouddriver and gate (each restarted), a Redis crash and restart (AOF on), and the S3
 * store unreachable for 20 s. Then the load stops, the suite settles, and an audit reports what
 * became of everything gate acknowledged. Exits 1 when a target (0 stuck, 0 duplicated, 0 lost)
 * is missed.
 *
 *   npm run faults                       about 3.5 minutes of load, then settling
 *   npm run faults -- --duration 90      seconds of load (faults are spread over it)
 *   npm run faults -- --json out.json    also write the report as JSON
 *   npm run faults -- --verbose          show the services' own logs too
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from '@genoa/shared';
import { startLocalStackForCli, type LocalStack } from '../local-stack/stack.js';
import { settleAndAudit, type Audit } from './audit.js';
import { loadServiceEnv, SideEffectReceiver, setUpLoad, startLoad } from './load.js';
import { formatReport, type ReportRow } from './report.js';

interface Args {
  duration: number;
  settle: number;
  json?: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 210, settle: 120, verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--verbose') {
      args.verbose = true;
      continue;
    }
    if (argv[i] === '--duration') args.duration = Number(value);
    else if (argv[i] === '--settle') args.settle = Number(value);
    else if (argv[i] === '--json') args.json = value;
    else
      throw new Error(
        `unknown argument ${argv[i]} (use --duration <s>, --settle <s>, --json <path>, --verbose)`,
      );
    i += 1;
  }
  if (!(args.duration >= 60)) throw new Error('--duration must be at least 60 seconds');
  return args;
}

/** A fault: what it does to the running stack. */
interface Fault {
  name: string;
  inject(stack: LocalStack): Promise<void>;
}

const S3_OUTAGE_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const killed = (name: ServiceName): Fault => ({
  name: `kill -9 ${name}, restart`,
  inject: (stack) => stack.restartService(name),
});
export const faults: Fault[] = [
  ...(['orca', 'echo', 'igor', 'front50', 'clouddriver', 'gate'] as const).map(killed),
  { name: 'kill -9 redis, restart (AOF)', inject: (stack) => stack.restartRedis() },
  {
    name: `S3 store unreachable for ${S3_OUTAGE_MS / 1000} s`,
    async inject(stack) {
      await stack.stopS3();
      await sleep(S3_OUTAGE_MS);
      await stack.startS3();
    },
  },
];

const say = (line: string) => process.stdout.write(`${line}\n`);
const stamp = (began: number) => `[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s]`;

/** The report rows of an audit: measure, value, target, pass. */
export function auditRows(a: Audit): ReportRow[] {
  return [
    {
      measure: 'executions owed (starts gate accepted + runs of accepted triggers)',
      value: a.started + a.missing.length,
    },
    { measure: '  missing (accepted, not in orca)', value: a.missing.length, target: 0 },
    { measure: '  completed', value: a.completed },
    { measure: '    of which SUCCEEDED', value: a.succeeded },
    { measure: '    of which failed (TERMINAL/CANCELED…)', value: a.failed },
    { measure: '  stuck (not complete after settling)', value: a.stuck.length, target: 0 },
    {
      measure: 'duplicated side effects (same execution+stage twice)',
      value: a.duplicatedSideEffects.length,
      target: 0,
    },
    { measure: 'SUCCEEDED without its side effect', value: a.missingSideEffects.length, target: 0 },
    { measure: 'webhook triggers accepted by gate', value: a.triggersAccepted },
    { measure: '  lost (no execution)', value: a.lostTriggers.length, target: 0 },
    { measure: '  duplicated (more than one execution)', value: a.duplicatedTriggers.length, target: 0 },
    { measure: 'configuration writes acknowledged', value: a.savesAcknowledged },
    { measure: '  lost (not in front50)', value: a.lostSaves.length, target: 0 },
    {
      measure: 'calls refused or unanswered during faults (start/trigger/save)',
      value: a.refused.start + a.refused.trigger + a.refused.save,
      note: `${a.refused.start}/${a.refused.trigger}/${a.refused.save}`,
    },
  ];
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-faults-'));
  const receiver = new SideEffectReceiver();
  await receiver.start();
  const began = Date.now();
  say(`fault injection: ${args.duration} s of load, ${faults.length} faults, state in ${stateDir}`);
  const stack = await startLocalStackForCli({
    stateDir,
    portOffset: 10_000 + Math.floor(Math.random() * 5_000),
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    serviceEnv: { ...loadServiceEnv, ORCA_RETENTION_MAX_PER_PIPELINE: '100000' },
    // The stack's own lines (and a service exiting); the services' logs only with --verbose.
    write: (line) => {
      if (args.verbose || line.startsWith('  ') || line.includes('exited unexpectedly'))
        say(`${stamp(began)} ${line}`);
    },
  });
  let code = 1;
  try {
    const gate = stack.urlOf('gate');
    await setUpLoad(gate, receiver.port);
    const load = startLoad(gate, { startEveryMs: 1_000, triggerEveryMs: 2_000, saveEveryMs: 4_000 });
    const loadStart = Date.now();
    const loadEnd = loadStart + args.duration * 1000;
    const warmUp = 15_000;
    const spacing = (args.duration * 1000 - warmUp - S3_OUTAGE_MS - 10_000) / faults.length;
    const timeline: ReportRow[] = [];
    for (const [i, fault] of faults.entries()) {
      await sleep(loadStart + warmUp + i * spacing - Date.now());
      const t = Date.now();
      say(`${stamp(began)} fault: ${fault.name}`);
      await fault.inject(stack);
      const seconds = (Date.now() - t) / 1000;
      say(`${stamp(began)}   recovered after ${seconds.toFixed(1)} s`);
      timeline.push({
        measure: `fault: ${fault.name}`,
        value: Number(seconds.toFixed(1)),
        note: 's to recover',
      });
    }
    await sleep(loadEnd - Date.now());
    const ledger = await load.stop();
    say(`${stamp(began)} load stopped; settling (up to ${args.settle} s)`);
    const result = await settleAndAudit(gate, stack.redis.url, ledger, receiver, args.settle * 1000);
    const rows = [...timeline, ...auditRows(result)];
    say(`\n${formatReport('Genoa fault injection', rows)}`);
    for (const [label, list] of [
      ['stuck', result.stuck],
      ['duplicated side effects', result.duplicatedSideEffects],
      ['lost triggers', result.lostTriggers],
      ['lost saves', result.lostSaves],
    ] as const)
      if (list.length) say(`${label}: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ args, rows, result }, null, 2)}\n`);
    code = rows.every((r) => r.target === undefined || r.value <= r.target) ? 0 : 1;
  } finally {
    await stack.stop();
    await receiver.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`faults: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
