/**
 * `npm run soak`: the whole suite under a steady load through gate for a long time (30 minutes by
 * default), with retention set low so that what is kept must stay bounded. Every interval it
 * samples each service's resident memory, Redis `used_memory` and the number of executions kept,
 * and the load's error rate. At the end it says whether memory plateaus (the mean of the last third
 * of the samples is within the tolerance of the middle third's) and whether errors grow.
 *
 *   npm run soak                                30 minutes, a sample every 30 s
 *   npm run soak -- --short                     2 minutes, a sample every 10 s (smoke)
 *   npm run soak -- --minutes 60 --interval 60 --tolerance 0.1 --json soak.json
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTiers, type ServiceName } from '@genoa/shared';
import { createRedis } from '@genoa/shared/node';
import { rssMb } from '@genoa/testing';
import { settleAndAudit } from '../fault-injection/audit.js';
import { loadServiceEnv, SideEffectReceiver, setUpLoad, startLoad } from '../fault-injection/load.js';
import { formatReport, type ReportRow } from '../fault-injection/report.js';
import { startLocalStackForCli } from '../local-stack/stack.js';
import { plateau, type Sample } from './plateau.js';

interface Args {
  minutes: number;
  interval: number;
  tolerance: number;
  slackMb: number;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { minutes: 30, interval: 30, tolerance: 0.15, slackMb: 5 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--short') {
      args.minutes = 2;
      args.interval = 10;
      continue;
    }
    if (flag === '--minutes') args.minutes = Number(value);
    else if (flag === '--interval') args.interval = Number(value);
    else if (flag === '--tolerance') args.tolerance = Number(value);
    else if (flag === '--slack-mb') args.slackMb = Number(value);
    else if (flag === '--json') args.json = value;
    else
      throw new Error(
        `unknown argument ${flag} (use --minutes, --interval, --tolerance, --slack-mb, --json, --short)`,
      );
    i += 1;
  }
  if (!(args.minutes * 60 >= args.interval * 6))
    throw new Error('the soak needs at least 6 samples: raise --minutes or lower --interval');
  return args;
}

/** Retention and dedupe windows set low, so the soak shows whether they keep Redis bounded. */
const soakEnv = {
  ...loadServiceEnv,
  ORCA_RETENTION_MAX_PER_PIPELINE: '20',
  ORCA_RETENTION_INTERVAL_MS: '10000',
  ECHO_EVENT_DEDUPE_TTL_SECONDS: '60',
};

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Redis keys counted per prefix (`{orca}:exec`, `bull:{echo}…`, …): what the soak's Redis holds. */
async function keyCensus(redis: ReturnType<typeof createRedis>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const prefix = key.split(':').slice(0, 2).join(':');
      counts[prefix] = (counts[prefix] ?? 0) + 1;
    }
  } while (cursor !== '0');
  return counts;
}

/** Prefixes whose key count grew most between two censuses, largest growth first. */
function grownKeys(first: Record<string, number>, last: Record<string, number>): string[] {
  return Object.entries(last)
    .map(([prefix, n]) => [prefix, n - (first[prefix] ?? 0)] as const)
    .filter(([, grown]) => grown > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([prefix, grown]) => `${prefix} +${grown} (now ${last[prefix]})`);
}
const services = startTiers.flat() as ServiceName[];

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-soak-'));
  const receiver = new SideEffectReceiver();
  await receiver.start();
  say(`soak: ${args.minutes} min of load, a sample every ${args.interval} s, state in ${stateDir}`);
  const stack = await startLocalStackForCli({
    stateDir,
    portOffset: 15_000 + Math.floor(Math.random() * 4_000),
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    serviceEnv: soakEnv,
    write: (line) => {
      if (line.startsWith('  ') || line.includes('exited unexpectedly')) say(line);
    },
  });
  const redis = createRedis(stack.redis.url, { name: 'soak-sampler' });
  let code = 1;
  try {
    const gate = stack.urlOf('gate');
    await setUpLoad(gate, receiver.port);
    const load = startLoad(gate, {
      startEveryMs: 1_000,
      triggerEveryMs: 2_000,
      saveEveryMs: 5_000,
      rewriteConfigs: 10,
    });
    const samples: Sample[] = [];
    const began = Date.now();
    say(
      `\n${'t (s)'.padStart(6)}  ${services.map((s) => `${s} MB`.padStart(15)).join('')}  ${'redis MB'.padStart(9)}  ${'executions'.padStart(10)}  ${'calls ok/failed'.padStart(15)}`,
    );
    while (Date.now() - began < args.minutes * 60_000) {
      await new Promise((r) => setTimeout(r, args.interval * 1000));
      const info = await redis.info('memory');
      const usedMb = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / 1048576;
      const executions = await redis.hlen('{orca}:status');
      const rss = Object.fromEntries(
        services.map((name) => [name, rssMb(stack.service(name).child.pid ?? 0) ?? NaN]),
      );
      const tick = { ...load.ledger.tick };
      load.ledger.tick = { ok: 0, failed: 0 };
      const sample: Sample = {
        t: Math.round((Date.now() - began) / 1000),
        memory: { ...rss, redis: usedMb },
        executions,
        keys: await keyCensus(redis),
        ok: tick.ok,
        failed: tick.failed,
      };
      samples.push(sample);
      say(
        `${String(sample.t).padStart(6)}  ${services.map((s) => rss[s]!.toFixed(1).padStart(15)).join('')}  ${usedMb.toFixed(1).padStart(9)}  ${String(executions).padStart(10)}  ${`${tick.ok}/${tick.failed}`.padStart(15)}`,
      );
    }
    const final = await load.stop();
    const result = await settleAndAudit(gate, stack.redis.url, final, receiver, 60_000, true);
    const verdict = plateau(samples, args.tolerance, args.slackMb);
    const rows: ReportRow[] = [
      ...verdict.memory.map((m) => ({
        measure: `${m.series} memory growth, last vs middle third (${m.middle.toFixed(1)} → ${m.last.toFixed(1)} MB, ${(m.growth * 100).toFixed(1)} %), MB`,
        value: Number((m.last - m.middle).toFixed(1)),
        target: Number(m.allowed.toFixed(1)),
      })),
      {
        measure: `error rate growth, last third vs middle third (${(verdict.errors.middle * 100).toFixed(2)} → ${(verdict.errors.last * 100).toFixed(2)} %), points`,
        value: Number(((verdict.errors.last - verdict.errors.middle) * 100).toFixed(2)),
        target: 1,
      },
      {
        measure: 'executions kept in Redis at the end (retention 20 per pipeline)',
        value: samples.at(-1)!.executions,
      },
      { measure: 'executions started during the soak', value: result.started + result.missing.length },
      { measure: '  of which removed by retention once complete', value: result.missing.length },
      { measure: 'stuck after settling', value: result.stuck.length, target: 0 },
      { measure: 'duplicated side effects', value: result.duplicatedSideEffects.length, target: 0 },
    ];
    say(`\n${formatReport(`Genoa soak, ${args.minutes} min`, rows)}`);
    const middle = samples[Math.floor(samples.length / 3)]!;
    const grown = grownKeys(middle.keys ?? {}, samples.at(-1)!.keys ?? {});
    say(`\nRedis keys that grew since the middle third began: ${grown.length ? grown.join(', ') : 'none'}`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ args, samples, rows }, null, 2)}\n`);
    code = rows.every((r) => r.target === undefined || r.value <= r.target) ? 0 : 1;
  } finally {
    redis.disconnect();
    await stack.stop();
    await receiver.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (c) => process.exit(c),
  (err: unknown) => {
    process.stderr.write(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
