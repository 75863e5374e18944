/**
 * Scenario 5b (issue #12), PENDING an echo/orca fix — see README.md here. Rename to
 * `scripts/e2e/manual-judgment-notifications.int.test.ts` to enable it.
 *
 * Given a pipeline whose manual judgment stage notifies (`sendNotifications`, `when:
 * manualJudgment / manualJudgmentContinue`), when it waits for judgment and is approved through
 * gate, then the webhook receiver hears "awaiting manual judgment" and "judged to continue", once
 * each, and Slack gets the request in #approvals.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from '../suite.js';

const APP = 'judged';
const SLACK_TOKEN = 'xoxb-e2e-token-0123456789';
let suite: Suite;
let receiver: Server;
const received: { path: string; body: Json }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: body ? (JSON.parse(body) as Json) : {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  suite = await startSuite({
    ECHO_OUTBOUND_ALLOW: '127.0.0.1',
    ECHO_SLACK_TOKEN: SLACK_TOKEN,
    ECHO_SLACK_API_URL: `http://127.0.0.1:${port}/slack/api`,
    ECHO_NOTIFICATION_BACKOFF_MS: '200',
  });
}, 180_000);
afterAll(async () => {
  await suite?.stop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
}, 60_000);

describe('scenario 5b: manual judgment notifications', () => {
  it('announces the judgment request and its outcome once each', async () => {
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createApplication(suite, APP);
    await savePipeline(suite, {
      application: APP,
      name: 'release',
      stages: [
        {
          refId: '1',
          type: 'manualJudgment',
          name: 'Approve',
          instructions: 'Ship it?',
          judgmentInputs: [],
          sendNotifications: true,
          notifications: [
            { type: 'webhook', address: hook, when: ['manualJudgment', 'manualJudgmentContinue'] },
            { type: 'slack', address: 'approvals', when: ['manualJudgment'] },
          ],
        },
      ],
    });
    const started = await suite.call('POST', `/pipelines/${APP}/release`, {});
    expect(started.status).toBe(202);
    const id = String(started.body.ref).split('/')[2]!;
    const hooks = () =>
      received.filter((r) => r.path === '/hook' && r.body.executionId === id).map((r) => r.body);

    const asked = await eventually(
      async () => hooks(),
      (h) => h.some((n) => n.when === 'manualJudgment'),
    );
    expect(asked.map((n) => n.when)).toEqual(['manualJudgment']);
    expect(asked[0]).toMatchObject({ level: 'stage', stageName: 'Approve' });
    expect(asked[0]!.text).toContain('Stage Approve of pipeline release is awaiting manual judgment');
    const slack = await eventually(
      async () => received.filter((r) => r.path === '/slack/api/chat.postMessage'),
      (s) => s.length >= 1,
    );
    expect(slack[0]!.body).toMatchObject({
      channel: '#approvals',
      text: expect.stringContaining('awaiting manual judgment'),
    });

    const execution = (await suite.call('GET', `/pipelines/${id}`)).body;
    const judgment = execution.stages.find((s: Json) => s.type === 'manualJudgment');
    expect(
      (await suite.call('PATCH', `/pipelines/${id}/stages/${judgment.id}`, { judgmentStatus: 'continue' }))
        .status,
    ).toBe(200);
    const done = await eventually(
      () => suite.call('GET', `/pipelines/${id}`),
      (r) => r.body.status === 'SUCCEEDED',
    );
    expect(done.body.status).toBe('SUCCEEDED');
    const all = await eventually(
      async () => hooks(),
      (h) => h.some((n) => n.when === 'manualJudgmentContinue'),
    );
    await new Promise((r) => setTimeout(r, 2_000)); // nothing more may arrive
    expect(hooks().map((n) => n.when)).toEqual(['manualJudgment', 'manualJudgmentContinue']);
    expect(all[1]!.text).toContain('was judged to continue');
  }, 150_000);
});
