/**
 * Scenario 1 (issue #12), PENDING orca's manifest stages — see README.md here. Rename to
 * `scripts/e2e/red-black-webhook.int.test.ts` (and import `./suite.js`, `./pending/kube.js`).
 *
 * Given a service and a pipeline triggered by a signed webhook, which deploys a ReplicaSet with
 * Spinnaker's red/black traffic management, waits for a manual judgment, then promotes;
 * when a signed webhook arrives (and an unsigned one is refused), then the new version v001 takes
 * the traffic, the previous v000 is disabled, and the execution JSON says so.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from '../suite.js';
import { kubectl, kubectlJson } from './kube.js';

const APP = 'shop';
const SOURCE = 'shop-release';
const HMAC_SECRET = 'e2e-hmac-secret-value';
let suite: Suite;

beforeAll(async () => {
  suite = await startSuite({
    GATE_WEBHOOK_SOURCES: JSON.stringify({ [SOURCE]: { hmacSecret: HMAC_SECRET } }),
    ECHO_PIPELINE_CACHE_REFRESH_MS: '1000',
  });
}, 180_000);
afterAll(async () => {
  await suite?.stop();
}, 60_000);

const replicaSet = (tag: string) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: `nginx:${tag}` }] },
    },
  },
});

function signedWebhook(body: unknown, secret = HMAC_SECRET) {
  const raw = JSON.stringify(body);
  return fetch(`${suite.gate}/webhooks/webhook/${SOURCE}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    },
    body: raw,
  });
}

async function releaseAndApprove(tag: string): Promise<Json> {
  const accepted = await signedWebhook({ parameters: { tag } });
  expect(accepted.status).toBe(200);
  const { eventId } = (await accepted.json()) as { eventId: string };
  const list = () =>
    suite.call('GET', `/applications/${APP}/pipelines?limit=10`).then((r) => r.body as Json[]);
  const waiting = await eventually(
    list,
    (l) =>
      l.some(
        (e) =>
          e.trigger?.eventId === eventId &&
          e.stages.some((s: Json) => s.type === 'manualJudgment' && s.status === 'RUNNING'),
      ),
    90_000,
  );
  const execution = waiting.find((e) => e.trigger?.eventId === eventId);
  expect(execution, JSON.stringify(waiting)).toBeDefined();
  const judgment = execution.stages.find((s: Json) => s.type === 'manualJudgment');
  expect(
    (
      await suite.call('PATCH', `/pipelines/${execution.id}/stages/${judgment.id}`, {
        judgmentStatus: 'continue',
      })
    ).status,
  ).toBe(200);
  const done = await eventually(
    () => suite.call('GET', `/pipelines/${execution.id}`),
    (r) => r.body.status === 'SUCCEEDED' || r.body.status === 'TERMINAL',
    120_000,
  );
  return done.body;
}

describe('scenario 1: signed webhook → red/black deploy → manual judgment → promote', () => {
  it('moves the traffic to the new version only after approval, and refuses an unsigned webhook', async () => {
    await createApplication(suite, APP);
    kubectl(suite, 'create', 'service', 'clusterip', 'web', '--tcp=80:80');
    await savePipeline(suite, {
      application: APP,
      name: 'release',
      triggers: [{ type: 'webhook', enabled: true, source: SOURCE }],
      parameterConfig: [{ name: 'tag', default: '1.0' }],
      stages: [
        {
          refId: '1',
          type: 'deployManifest',
          name: 'Deploy (red/black)',
          account: 'local',
          cloudProvider: 'kubernetes',
          source: 'text',
          moniker: { app: APP },
          manifests: [replicaSet('${parameters.tag}')],
          trafficManagement: {
            enabled: true,
            options: {
              enableTraffic: false,
              namespace: 'default',
              services: ['service web'],
              strategy: 'redblack',
            },
          },
        },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'manualJudgment',
          name: 'Promote?',
          judgmentInputs: [],
        },
        {
          refId: '3',
          requisiteStageRefIds: ['2'],
          type: 'enableManifest',
          name: 'Promote',
          account: 'local',
          cloudProvider: 'kubernetes',
          location: 'default',
          app: APP,
          cluster: 'replicaSet web',
          criteria: 'newest',
          kind: 'replicaSet',
          mode: 'dynamic',
        },
        {
          refId: '4',
          requisiteStageRefIds: ['3'],
          type: 'disableManifest',
          name: 'Retire previous',
          account: 'local',
          cloudProvider: 'kubernetes',
          location: 'default',
          app: APP,
          cluster: 'replicaSet web',
          criteria: 'second_newest',
          kind: 'replicaSet',
          mode: 'dynamic',
          stageEnabled: { type: 'expression', expression: "${parameters.tag != '1.0'}" },
        },
      ],
    });

    // An unsigned (or wrongly signed) webhook is refused and starts nothing.
    expect((await signedWebhook({ parameters: { tag: 'evil' } }, 'wrong-secret-value')).status).toBe(401);

    const first = await releaseAndApprove('1.0');
    expect(first.status).toBe('SUCCEEDED');
    const second = await releaseAndApprove('2.0');
    expect(second.status).toBe('SUCCEEDED');
    expect(second.trigger).toMatchObject({ type: 'webhook', source: SOURCE, parameters: { tag: '2.0' } });
    const deploy = second.stages.find((s: Json) => s.type === 'deployManifest');
    expect(deploy.context['outputs.manifestNamesByNamespace']).toEqual({ default: ['replicaSet web-v001'] });

    // The cluster: v001 runs nginx:2.0 and receives traffic (the service selects it); v000 does not.
    const sets = kubectlJson(suite, 'replicasets', '-n', 'default');
    const byName = Object.fromEntries(sets.items.map((rs: Json) => [rs.metadata.name, rs]));
    expect(Object.keys(byName).sort()).toEqual(['web-v000', 'web-v001']);
    expect(byName['web-v001'].spec.template.spec.containers[0].image).toBe('nginx:2.0');
    const service = kubectlJson(suite, 'service', 'web', '-n', 'default');
    const selector = service.spec.selector as Record<string, string>;
    const labelsOf = (name: string) => byName[name].spec.template.metadata.labels as Record<string, string>;
    const selected = (name: string) => Object.entries(selector).every(([k, v]) => labelsOf(name)[k] === v);
    expect(selected('web-v001')).toBe(true);
    expect(selected('web-v000')).toBe(false);
  }, 400_000);
});
