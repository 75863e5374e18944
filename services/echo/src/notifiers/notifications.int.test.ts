import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '@genoa/shared/node';
import {
  freePort,
  spawnManaged,
  startRedis,
  waitForPort,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import type { Redis } from 'ioredis';
import { buildApp } from '../app.js';
import { loadEchoConfig } from '../config.js';
import { wireEcho, type EchoParts } from '../wiring.js';

const SLACK_TOKEN = 'xoxb-test-token-1234567890';
let redisServer: RedisHandle;
let connection: Redis;
let smtp: ManagedProcess;
let receivers: FastifyInstance;
let late: FastifyInstance | undefined;
let latePort: number;
let parts: EchoParts;
let app: FastifyInstance;
let logs = '';
const received: Record<string, unknown[]> = { webhook: [], slackHook: [], slackApi: [], teams: [], late: [] };

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out: ${JSON.stringify(Object.fromEntries(Object.entries(received).map(([k, v]) => [k, v.length])))} ${logs.slice(-2500)}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  const smtpPort = await freePort();
  smtp = spawnManaged(process.execPath, [
    fileURLToPath(new URL('./__fixtures__/smtp-sink.mjs', import.meta.url)),
    String(smtpPort),
  ]);
  await waitForPort(smtpPort);
  receivers = fastify();
  receivers.post('/generic', async (req) => void received.webhook!.push(req.body));
  receivers.post('/services/T0/B0/hook-secret', async (req) => void received.slackHook!.push(req.body));
  receivers.post('/api/chat.postMessage', async (req) => {
    if (req.headers.authorization !== `Bearer ${SLACK_TOKEN}`) return { ok: false, error: 'invalid_auth' };
    received.slackApi!.push(req.body);
    return { ok: true };
  });
  receivers.post('/teams', async (req) => void received.teams!.push(req.body));
  receivers.get('/pipelines', async () => []);
  const port = await freePort();
  await receivers.listen({ port, host: '127.0.0.1' });
  latePort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadEchoConfig({
    REDIS_URL: redisServer.url,
    FRONT50_URL: base,
    ECHO_CRON_ENABLED: 'false',
    ECHO_SLACK_TOKEN: SLACK_TOKEN,
    ECHO_SLACK_API_URL: `${base}/api`,
    ECHO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ECHO_MAIL_FROM: 'spinnaker@genoa.test',
    ECHO_OUTBOUND_ALLOW: '127.0.0.1',
    ECHO_NOTIFICATION_BACKOFF_MS: '100',
    ECHO_BASE_URL: 'https://deck.genoa.test',
  });
  const sink = new Writable({ write: (chunk, _enc, done) => ((logs += chunk.toString()), done()) });
  const logger = pino({ level: 'debug' }, sink);
  connection = createRedis(redisServer.url, { name: 'echo' });
  parts = wireEcho(config, connection, logger);
  await parts.start();
  app = buildApp({ config, logger, version: '0', parts });
});
afterAll(async () => {
  await app.close();
  await parts.stop();
  connection.disconnect();
  await Promise.all([receivers.close(), late?.close(), smtp.stop()]);
  await redisServer.stop();
});

describe('notifications from orca lifecycle events', () => {
  it('delivers to Slack (webhook and bot), email over SMTP, Teams and a webhook; retries a receiver that is down', async () => {
    const port = (receivers.server.address() as { port: number }).port;
    const event = {
      details: { type: 'orca:pipeline:failed', source: 'orca', application: 'shop' },
      content: {
        executionId: '01EXEC',
        execution: {
          id: '01EXEC',
          type: 'pipeline',
          name: 'deploy',
          application: 'shop',
          status: 'TERMINAL',
          notifications: [
            {
              type: 'slack',
              address: `http://127.0.0.1:${port}/services/T0/B0/hook-secret`,
              when: ['pipeline.failed'],
            },
            { type: 'slack', address: 'deploys', when: ['pipeline.failed'] },
            {
              type: 'email',
              address: 'ops@genoa.test, dev@genoa.test',
              cc: 'lead@genoa.test',
              when: ['pipeline.failed'],
            },
            { type: 'microsoftteams', address: `http://127.0.0.1:${port}/teams`, when: ['pipeline.failed'] },
            { type: 'webhook', address: `http://127.0.0.1:${port}/generic`, when: ['pipeline.failed'] },
            { type: 'webhook', address: `http://127.0.0.1:${latePort}/late`, when: ['pipeline.failed'] },
            { type: 'webhook', address: 'http://10.0.0.1/internal', when: ['pipeline.failed'] },
            { type: 'slack', address: 'quiet', when: ['pipeline.complete'] },
          ],
        },
      },
      eventId: 'orca-evt-1',
    };
    const res = await app.inject({ method: 'POST', url: '/', payload: event });
    expect(res.statusCode, res.body).toBe(200);
    await until(
      () =>
        received.webhook!.length === 1 &&
        received.teams!.length === 1 &&
        received.slackApi!.length === 1 &&
        received.slackHook!.length === 1,
    );
    await until(() => smtp.output().includes('ops@genoa.test'));
    // The late receiver was down: failed attempts are logged, then it comes up and gets the message.
    await until(() => logs.includes('notification delivery failed'));
    late = fastify();
    late.post('/late', async (req) => void received.late!.push(req.body));
    await late.listen({ port: latePort, host: '127.0.0.1' });
    await until(() => received.late!.length === 1);

    expect(received.slackApi![0]).toMatchObject({
      channel: '#deploys',
      text: expect.stringContaining('Pipeline deploy has failed for application shop'),
    });
    expect((received.slackHook![0] as { text: string }).text).toContain(
      'https://deck.genoa.test/#/applications/shop/executions/details/01EXEC',
    );
    expect(received.teams![0]).toMatchObject({
      '@type': 'MessageCard',
      summary: 'Pipeline deploy has failed for application shop',
    });
    expect(received.webhook![0]).toMatchObject({
      when: 'pipeline.failed',
      application: 'shop',
      executionId: '01EXEC',
      status: 'failed',
    });
    const mail = JSON.parse(
      smtp
        .output()
        .trim()
        .split('\n')
        .find((l) => l.includes('ops@genoa.test'))!,
    ) as { from: string; to: string[]; data: string };
    expect(mail.from).toBe('spinnaker@genoa.test');
    expect(mail.to.sort()).toEqual(['dev@genoa.test', 'lead@genoa.test', 'ops@genoa.test']);
    expect(mail.data).toContain('Subject: [Spinnaker] Pipeline deploy has failed for application shop');
    // The private address was refused (not retried), the quiet preference never fired.
    expect(logs).toContain('resolves to a private address');
    expect(received.slackApi).toHaveLength(1);
    // Secrets never reach the logs.
    expect(logs).not.toContain(SLACK_TOKEN);
    expect(logs).not.toContain('hook-secret');
  });
  it('POST /notifications delivers a direct manual judgment notification, and refuses a bad body with the path', async () => {
    const before = received.slackApi!.length;
    const res = await app.inject({
      method: 'POST',
      url: '/notifications',
      payload: {
        notificationType: 'SLACK',
        to: ['approvals'],
        templateGroup: 'manualJudgment',
        severity: 'NORMAL',
        source: { executionType: 'pipeline', executionId: '01JUDGE', application: 'shop', user: 'alice' },
        additionalContext: { stageName: 'Approve', message: 'Please approve the shop release' },
      },
    });
    expect(res.json()).toEqual({ queued: 1 });
    await until(() => received.slackApi!.length === before + 1);
    expect(received.slackApi!.at(-1)).toMatchObject({
      channel: '#approvals',
      text: expect.stringContaining('Please approve the shop release'),
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/notifications',
      payload: { notificationType: 'SLACK', to: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('to');
  });
});
