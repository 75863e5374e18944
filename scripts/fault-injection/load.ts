/**
 * A steady load through gate, with everything it is owed written down so it can be audited:
 * pipeline starts (`POST /pipelines/{app}/{name}`), webhook triggers (`POST
 * /webhooks/webhook/{source}`) and configuration writes (`POST /pipelines`). Every pipeline ends in
 * a webhook stage that calls a local receiver, which counts side effects per execution and stage.
 * Used by the fault injection and the soak.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APPLICATION = 'suiteload';
export const WEBHOOK_SOURCE = 'suiteload-hook';
export const WEBHOOK_SECRET = 'suiteload-webhook-secret';

/** Environment the stack needs for this load (webhook source at gate, receiver allowed at orca). */
export const loadServiceEnv = {
  GATE_WEBHOOK_SOURCES: JSON.stringify({ [WEBHOOK_SOURCE]: { secret: WEBHOOK_SECRET } }),
  GATE_WEBHOOK_RATE_PER_MINUTE: '100000',
  ORCA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
  ECHO_OUTBOUND_ALLOW: '127.0.0.1,localhost',
  ECHO_PIPELINE_CACHE_REFRESH_MS: '2000',
};

/** Counts side effects (webhook calls) per `execution/stage`. */
export class SideEffectReceiver {
  readonly counts = new Map<string, number>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        try {
          const { execution, stage } = JSON.parse(body) as { execution?: string; stage?: string };
          if (execution && stage) {
            const key = `${execution}/${stage}`;
            this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          }
        } catch {
          // not ours
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Executions whose stage was called more than once. */
  duplicated(): string[] {
    return [...this.counts].filter(([, n]) => n > 1).map(([key]) => key);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** The stages of every load pipeline: a short wait, then a side effect at the receiver. */
function loadStages(receiverPort: number, waitSeconds: number): unknown[] {
  return [
    { refId: '1', type: 'wait', name: 'Wait', waitTime: waitSeconds },
    {
      refId: '2',
      requisiteStageRefIds: ['1'],
      type: 'webhook',
      name: 'Side effect',
      method: 'POST',
      url: `http://127.0.0.1:${receiverPort}/effect`,
      payload: { execution: '${execution.id}', stage: 'side-effect' },
    },
  ];
}

/** One HTTP call with a deadline; never throws (status 0 = no answer). */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: {} };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `read` gives a value `done` accepts, or the deadline passes (then returns the last). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
}

/** Creates the application and the two load pipelines (manual and webhook-triggered) through gate. */
export async function setUpLoad(gate: string, receiverPort: number, waitSeconds = 1): Promise<void> {
  const task = await call(gate, 'POST', '/tasks', {
    application: APPLICATION,
    description: `Create Application: ${APPLICATION}`,
    job: [{ type: 'createApplication', application: { name: APPLICATION, email: 'load@example.com' } }],
  });
  if (task.status !== 200) throw new Error(`create application answered ${task.status}`);
  const taskId = String(task.body.ref).split('/')[2];
  const created = await eventually(
    () => call(gate, 'GET', `/tasks/${taskId}`),
    (r) => r.body.status === 'SUCCEEDED',
    30_000,
  );
  if (created.body.status !== 'SUCCEEDED') throw new Error('the application was not created');
  for (const pipeline of [
    { name: 'load', stages: loadStages(receiverPort, waitSeconds) },
    {
      name: 'hooked',
      stages: loadStages(receiverPort, waitSeconds),
      triggers: [{ type: 'webhook', enabled: true, source: WEBHOOK_SOURCE }],
    },
  ]) {
    const saved = await call(gate, 'POST', '/pipelines', { application: APPLICATION, ...pipeline });
    if (saved.status !== 200) throw new Error(`saving ${pipeline.name} answered ${saved.status}`);
  }
}

/** What the load sent and what gate acknowledged. */
export interface LoadLedger {
  /** Execution ids of starts gate accepted (202). */
  started: string[];
  /** eventIds of webhooks gate accepted (2xx). */
  triggers: string[];
  /** Names of pipeline configurations whose save gate acknowledged (200). */
  saves: string[];
  /** Calls that got no 2xx (refused or no answer), per kind. */
  refused: { start: number; trigger: number; save: number };
  /** Per-interval outcome counts, for the soak's error rate. */
  tick: { ok: number; failed: number };
}

/** Rates of the load: one operation of each kind every so many ms. */
export interface LoadRates {
  startEveryMs: number;
  triggerEveryMs: number;
  saveEveryMs: number;
  /**
   * Saves rewrite this many configurations over and over (bounded, for the soak); unset = every
   * save is a new configuration (each one can be audited).
   */
  rewriteConfigs?: number;
}

/** A running load: its live ledger, and how to stop it. */
export interface RunningLoad {
  readonly ledger: LoadLedger;
  /** Stops sending; resolves with the ledger once the calls in flight have ended. */
  stop(): Promise<LoadLedger>;
}

/**
 * Starts the load; each kind on its own timer, one call in flight per kind, so a stalled service
 * slows the load instead of piling up requests.
 */
export function startLoad(gate: string, rates: LoadRates): RunningLoad {
  const stopped = new AbortController();
  const signal = stopped.signal;
  const ledger: LoadLedger = {
    started: [],
    triggers: [],
    saves: [],
    refused: { start: 0, trigger: 0, save: 0 },
    tick: { ok: 0, failed: 0 },
  };
  let n = 0;
  const count = (ok: boolean) => (ok ? ledger.tick.ok++ : ledger.tick.failed++);
  const loop = async (everyMs: number, once: () => Promise<void>) => {
    while (!signal.aborted) {
      const began = Date.now();
      await once();
      await sleep(Math.max(0, everyMs - (Date.now() - began)));
    }
  };
  const running = Promise.all([
    loop(rates.startEveryMs, async () => {
      const r = await call(gate, 'POST', `/pipelines/${APPLICATION}/load`, {
        parameters: { n: String(n++) },
      });
      const id = typeof r.body.ref === 'string' ? r.body.ref.split('/')[2] : undefined;
      if (r.status === 202 && id) ledger.started.push(id);
      else ledger.refused.start++;
      count(r.status === 202);
    }),
    loop(rates.triggerEveryMs, async () => {
      const r = await call(
        gate,
        'POST',
        `/webhooks/webhook/${WEBHOOK_SOURCE}`,
        { marker: n++ },
        { 'x-webhook-secret': WEBHOOK_SECRET },
      );
      const ok = r.status >= 200 && r.status < 300 && typeof r.body.eventId === 'string';
      if (ok) ledger.triggers.push(r.body.eventId as string);
      else ledger.refused.trigger++;
      count(ok);
    }),
    loop(rates.saveEveryMs, async () => {
      const i = n++;
      const name = rates.rewriteConfigs ? `config-${i % rates.rewriteConfigs}` : `config-${Date.now()}-${i}`;
      const r = await call(gate, 'POST', '/pipelines', {
        application: APPLICATION,
        ...(rates.rewriteConfigs ? { id: `${APPLICATION}-${name}` } : {}),
        name,
        stages: [{ refId: '1', type: 'wait', name: 'Wait', waitTime: 1 }],
      });
      if (r.status === 200 && !rates.rewriteConfigs) ledger.saves.push(name);
      else ledger.refused.save++;
      count(r.status === 200);
    }),
  ]);
  return {
    ledger,
    async stop() {
      stopped.abort();
      await running;
      return ledger;
    },
  };
}
