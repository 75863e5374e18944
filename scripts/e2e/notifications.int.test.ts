/**
 * Scenario 5 (issue #12): notifications for each step of a release arrive at local receivers —
 * an HTTP receiver (generic webhook notifications, and Slack's `chat.postMessage` API) and a real
 * SMTP server (echo's test sink) — through gate only, against the whole local stack; and (5b) a
 * manual judgment stage's "awaiting judgment" and "judged to continue / stop" notifications, once
 * each (orca asks echo for them with `orca:stage:manualJudgment` events).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort, spawnManaged, waitForPort, type ManagedProcess } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../local-stack/stack.js';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from './suite.js';

const APP = 'notify';
const SLACK_TOKEN = 'xoxb-e2e-token-0123456789';
let suite: Suite;
let receiver: Server;
let smtp: ManagedProcess;
/** Everything the HTTP receiver got: `{ path, body }`. */
const received: { path: string; body: Json }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (req.url?.endsWith('/chat.postMessage') && req.headers.authorization !== `Bearer ${SLACK_TOKEN}`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_auth"}');
        return;
      }
      received.push({ path: req.url ?? '', body: body ? (JSON.parse(body) as Json) : {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  const smtpPort = await freePort();
  smtp = spawnManaged(process.execPath, [
    join(repoRoot, 'services/echo/src/notifiers/__fixtures__/smtp-sink.mjs'),
    String(smtpPort),
  ]);
  await waitForPort(smtpPort);
  suite = await startSuite({
    ECHO_OUTBOUND_ALLOW: '127.0.0.1',
    ECHO_SLACK_TOKEN: SLACK_TOKEN,
    ECHO_SLACK_API_URL: `http://127.0.0.1:${port}/slack/api`,
    ECHO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ECHO_MAIL_FROM: 'spinnaker@genoa.test',
    ECHO_NOTIFICATION_BACKOFF_MS: '200',
    ECHO_BASE_URL: 'https://deck.genoa.test',
  });
}, 180_000);
afterAll(async () => {
  await suite?.stop();
  await smtp?.stop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
}, 60_000);

const hook = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
const hooks = (executionId: string) =>
  received.filter((r) => r.path === '/hook' && r.body.executionId === executionId).map((r) => r.body);
const slack = () => received.filter((r) => r.path === '/slack/api/chat.postMessage').map((r) => r.body);
const mails = () =>
  smtp
    .output()
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { from: string; to: string[]; data: string })
    // Long headers are folded over lines (RFC 5322): unfold them to read the subject.
    .map((m) => ({ ...m, data: m.data.replace(/\r?\n[ \t]+/g, ' ') }));

async function start(name: string): Promise<string> {
  const started = await suite.call('POST', `/pipelines/${APP}/${name}`, {});
  expect(started.status).toBe(202);
  return String(started.body.ref).split('/')[2]!;
}

describe('scenario 5: notifications for each step arrive at local receivers', () => {
  it('a release: pipeline starting/complete and stage starting/complete — webhook, Slack and email', async () => {
    // Given an application whose release pipeline notifies at every step.
    await createApplication(suite, APP);
    await savePipeline(suite, {
      application: APP,
      name: 'release',
      notifications: [
        {
          type: 'webhook',
          address: hook(),
          when: ['pipeline.starting', 'pipeline.complete', 'pipeline.failed'],
        },
        { type: 'slack', address: 'deploys', when: ['pipeline.starting', 'pipeline.complete'] },
        { type: 'email', address: 'ops@genoa.test', when: ['pipeline.complete', 'pipeline.failed'] },
      ],
      stages: [
        {
          refId: '1',
          type: 'wait',
          name: 'Soak',
          waitTime: 1,
          sendNotifications: true,
          notifications: [{ type: 'webhook', address: hook(), when: ['stage.starting', 'stage.complete'] }],
        },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'manualJudgment',
          name: 'Approve',
          instructions: 'Ship it?',
          judgmentInputs: [],
        },
      ],
    });

    // When it is started through gate, waits for its judgment, and is approved.
    const id = await start('release');
    const waiting = await eventually(
      () => suite.call('GET', `/pipelines/${id}`),
      (r) => r.body.stages?.some((s: Json) => s.type === 'manualJudgment' && s.status === 'RUNNING'),
    );
    const judgment = waiting.body.stages.find((s: Json) => s.type === 'manualJudgment');
    expect(judgment, JSON.stringify(waiting.body)).toBeDefined();
    expect(
      (await suite.call('PATCH', `/pipelines/${id}/stages/${judgment.id}`, { judgmentStatus: 'continue' }))
        .status,
    ).toBe(200);
    const done = await eventually(
      () => suite.call('GET', `/pipelines/${id}`),
      (r) => r.body.status === 'SUCCEEDED',
    );
    expect(done.body.status).toBe('SUCCEEDED');

    // Then every step was announced once, in order, at the webhook receiver.
    const expected = [
      ['pipeline.starting', 'pipeline', undefined],
      ['stage.starting', 'stage', 'Soak'],
      ['stage.complete', 'stage', 'Soak'],
      ['pipeline.complete', 'pipeline', undefined],
    ];
    const all = await eventually(
      async () => hooks(id),
      (h) => h.length >= expected.length && h.some((n) => n.when === 'pipeline.complete'),
    );
    expect(all.map((n) => [n.when, n.level, n.stageName])).toEqual(expected);
    for (const n of all)
      expect(n).toMatchObject({ application: APP, executionName: 'release', executionType: 'pipeline' });
    expect(all[1]!.text).toBe(`Stage Soak of pipeline release is starting for application ${APP}`);
    expect(all.at(-1)!.link).toBe(`https://deck.genoa.test/#/applications/${APP}/executions/details/${id}`);

    // And Slack got the pipeline's start and end in #deploys.
    const posts = await eventually(
      async () => slack().filter((p) => p.channel === '#deploys'),
      (s) => s.length >= 2,
    );
    expect(posts.map((p) => p.text)).toEqual([
      expect.stringContaining(`Pipeline release is starting for application ${APP}`),
      expect.stringContaining(`Pipeline release has completed successfully for application ${APP}`),
    ]);
    // And the email went out over SMTP.
    const mail = await eventually(
      async () => mails(),
      (m) => m.length >= 1,
    );
    expect(mail[0]!.from).toBe('spinnaker@genoa.test');
    expect(mail[0]!.to).toEqual(['ops@genoa.test']);
    expect(mail[0]!.data).toContain(
      `Subject: [Spinnaker] Pipeline release has completed successfully for application ${APP}`,
    );
  }, 150_000);

  it('a failing pipeline announces pipeline.failed by webhook and email, and nothing for a step that did not happen', async () => {
    // Given a pipeline whose only stage fails.
    await savePipeline(suite, {
      application: APP,
      name: 'broken',
      notifications: [
        {
          type: 'webhook',
          address: hook(),
          when: ['pipeline.starting', 'pipeline.complete', 'pipeline.failed'],
        },
        { type: 'email', address: 'oncall@genoa.test', when: ['pipeline.failed'] },
      ],
      stages: [
        {
          refId: '1',
          type: 'checkPreconditions',
          name: 'Gate',
          preconditions: [{ type: 'expression', context: { expression: 'false' }, failPipeline: true }],
        },
      ],
    });
    // When it runs.
    const id = await start('broken');
    const done = await eventually(
      () => suite.call('GET', `/pipelines/${id}`),
      (r) => r.body.status === 'TERMINAL',
    );
    expect(done.body.status).toBe('TERMINAL');
    // Then the webhook heard it start and fail (never complete), and on-call got a mail.
    const heard = await eventually(
      async () => hooks(id),
      (h) => h.some((n) => n.when === 'pipeline.failed'),
    );
    expect(heard.map((n) => n.when)).toEqual(['pipeline.starting', 'pipeline.failed']);
    expect(heard[1]).toMatchObject({
      status: 'failed',
      text: `Pipeline broken has failed for application ${APP}`,
    });
    const mail = await eventually(
      async () => mails().filter((m) => m.to.includes('oncall@genoa.test')),
      (m) => m.length >= 1,
    );
    expect(mail[0]!.data).toContain(`Subject: [Spinnaker] Pipeline broken has failed for application ${APP}`);
  }, 120_000);

  it('5b: a manual judgment announces the request and its outcome (continue, stop) once each', async () => {
    // Given a pipeline whose judgment stage notifies by webhook (request and outcomes) and Slack (request).
    await savePipeline(suite, {
      application: APP,
      name: 'approval',
      stages: [
        {
          refId: '1',
          type: 'manualJudgment',
          name: 'Approve',
          instructions: 'Ship it?',
          judgmentInputs: [],
          sendNotifications: true,
          notifications: [
            {
              type: 'webhook',
              address: hook(),
              when: ['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'],
            },
            { type: 'slack', address: 'approvals', when: ['manualJudgment'] },
          ],
        },
      ],
    });
    const approvals = () => slack().filter((p) => p.channel === '#approvals');

    for (const [judgmentStatus, when, phrase, status] of [
      ['continue', 'manualJudgmentContinue', 'was judged to continue', 'SUCCEEDED'],
      ['stop', 'manualJudgmentStop', 'was judged to stop', 'TERMINAL'],
    ] as const) {
      const before = approvals().length;
      // When it runs and waits for judgment.
      const id = await start('approval');
      const asked = await eventually(
        async () => hooks(id),
        (h) => h.some((n) => n.when === 'manualJudgment'),
      );
      // Then the receiver hears that it is awaiting judgment, and Slack asks #approvals.
      expect(asked.map((n) => n.when)).toEqual(['manualJudgment']);
      expect(asked[0]).toMatchObject({ level: 'stage', stageName: 'Approve', application: APP });
      expect(asked[0]!.text).toContain('Stage Approve of pipeline approval is awaiting manual judgment');
      const posts = await eventually(
        async () => approvals(),
        (p) => p.length > before,
      );
      expect(posts.at(-1)!.text).toContain('awaiting manual judgment');

      // When someone judges it through gate.
      const execution = (await suite.call('GET', `/pipelines/${id}`)).body;
      const judgment = execution.stages.find((s: Json) => s.type === 'manualJudgment');
      expect(
        (await suite.call('PATCH', `/pipelines/${id}/stages/${judgment.id}`, { judgmentStatus })).status,
      ).toBe(200);
      const done = await eventually(
        () => suite.call('GET', `/pipelines/${id}`),
        (r) => r.body.status === status,
      );
      expect(done.body.status).toBe(status);
      // Then the outcome arrives, and each judgment notification arrived exactly once.
      await eventually(
        async () => hooks(id),
        (h) => h.some((n) => n.when === when),
      );
      await new Promise((r) => setTimeout(r, 2_000)); // a duplicate would arrive by now
      const heard = hooks(id);
      expect(heard.map((n) => n.when)).toEqual(['manualJudgment', when]);
      expect(heard[1]!.text).toContain(`Stage Approve of pipeline approval ${phrase}`);
      expect(approvals()).toHaveLength(before + 1);
    }
  }, 150_000);
});
