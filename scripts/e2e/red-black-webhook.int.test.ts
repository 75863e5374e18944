/**
 * Scenario 1 (issue #12), through gate only, against the stack as `npm start` starts it.
 *
 * Given an application, a Service `web` and version v000 of ReplicaSet `web` taking its traffic,
 * and a pipeline triggered by a signed webhook that deploys `web` red/black, waits for a manual
 * judgment and then retires the previous version;
 * when an unsigned webhook and then a signed one arrive,
 * then only the signed one starts the pipeline; v001 takes the traffic and v000 is disabled while
 * the judgment waits; after "promote" the previous version is scaled to zero and the execution
 * SUCCEEDS.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  eventually,
  executionsOf,
  runTask,
  savePipeline,
  startSuite,
  type Suite,
  type Json,
} from './suite.js';

const APP = 'shop';
const SOURCE = 'shop-release';
const HMAC_SECRET = 'scenario-one-hmac-secret';
let stack: Suite;

beforeAll(async () => {
  stack = await startSuite({
    GATE_WEBHOOK_SOURCES: JSON.stringify({ [SOURCE]: { hmacSecret: HMAC_SECRET } }),
    ECHO_PIPELINE_CACHE_REFRESH_MS: '1000',
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const target = { account: 'local', cloudProvider: 'kubernetes', moniker: { app: APP } };
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { 'web-lb': 'true' }, ports: [{ port: 80 }] },
};
const replicaSet = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});
const redBlack = {
  enabled: true,
  options: { enableTraffic: true, namespace: 'default', services: ['service web'], strategy: 'redblack' },
};

const webhook = (body: unknown, signature?: string) => {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-hub-signature-256'] = signature;
  return fetch(`${stack.gate}/webhooks/webhook/${SOURCE}`, { method: 'POST', headers, body: raw });
};
const sign = (body: unknown) =>
  `sha256=${createHmac('sha256', HMAC_SECRET).update(JSON.stringify(body)).digest('hex')}`;

/** Names of the pods of a ReplicaSet that carry the Service's selector (take its traffic). */
const podsBehindService = async (rs: string) =>
  ((await stack.kubeJson('pods', '-l', 'web-lb=true')).items as Json[])
    .filter((p) => p.metadata.ownerReferences?.some((o: Json) => o.name === rs))
    .map((p) => p.metadata.name as string);

describe('scenario 1: signed webhook → red/black deploy → manual judgment → promote', () => {
  it('moves the traffic to the new version, waits for approval, then retires the old one', async () => {
    // Given
    await createApplication(stack, APP);
    const first = await runTask(stack, APP, [
      { type: 'deployManifest', ...target, source: 'text', manifests: [service] },
      {
        type: 'deployManifest',
        ...target,
        source: 'text',
        manifests: [replicaSet('nginx:1.0')],
        trafficManagement: redBlack,
      },
    ]);
    expect(first.status, JSON.stringify(first)).toBe('SUCCEEDED');
    expect(await podsBehindService('web-v000')).toHaveLength(2);
    await savePipeline(stack, {
      application: APP,
      name: 'release',
      triggers: [{ type: 'webhook', enabled: true, source: SOURCE }],
      parameterConfig: [{ name: 'tag', default: '1.0' }],
      stages: [
        {
          refId: '1',
          type: 'deployManifest',
          name: 'Deploy (red/black)',
          ...target,
          source: 'text',
          manifests: [replicaSet('nginx:${parameters.tag}')],
          trafficManagement: redBlack,
        },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'manualJudgment',
          name: 'Promote?',
          judgmentInputs: [{ value: 'promote' }, { value: 'roll back' }],
        },
        {
          refId: '3',
          requisiteStageRefIds: ['2'],
          type: 'scaleManifest',
          name: 'Retire previous',
          ...target,
          location: 'default',
          cluster: 'replicaSet web',
          criteria: 'second_newest',
          kind: 'replicaSet',
          mode: 'dynamic',
          replicas: 0,
          stageEnabled: { type: 'expression', expression: "#judgment('Promote?') == 'promote'" },
        },
      ],
    });

    // When: an unsigned and a wrongly signed webhook are refused, a signed one is accepted
    const body = { parameters: { tag: '2.0' } };
    expect((await webhook(body)).status).toBe(401);
    expect((await webhook(body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
    // echo refreshes its pipeline cache every second (ECHO_PIPELINE_CACHE_REFRESH_MS above)
    await new Promise((r) => setTimeout(r, 3_000));
    const accepted = await webhook(body, sign(body));
    expect(accepted.status).toBe(200);
    const { eventId } = (await accepted.json()) as { eventId: string };
    const listed = await eventually(
      async () => (await executionsOf(stack, APP)).find((e) => e.trigger?.eventId === eventId),
      (e) => e?.stages.some((s: Json) => s.type === 'manualJudgment' && s.status === 'RUNNING') ?? false,
      90_000,
    );
    expect(listed, stack.output().slice(-3_000)).toBeDefined();
    const waiting = (await stack.call('GET', `/pipelines/${listed.id}`)).body;

    // Then: red/black has happened, the judgment waits
    expect(waiting.status).toBe('RUNNING');
    expect(waiting.trigger).toMatchObject({ type: 'webhook', source: SOURCE, parameters: { tag: '2.0' } });
    const deploy = waiting.stages.find((s: Json) => s.refId === '1');
    expect(deploy.status).toBe('SUCCEEDED');
    expect(deploy.outputs['outputs.manifestNamesByNamespace']).toEqual({ default: ['replicaSet web-v001'] });
    const disabled = waiting.stages.filter((s: Json) => s.parentStageId === deploy.id);
    expect(disabled.map((s: Json) => [s.type, s.context.manifestName, s.status])).toEqual([
      ['disableManifest', 'replicaSet web-v000', 'SUCCEEDED'],
    ]);
    expect(
      await stack.kubectl(
        'get',
        'rs',
        'web-v001',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ),
    ).toBe('nginx:2.0');
    expect(await podsBehindService('web-v001')).toHaveLength(2);
    expect(await podsBehindService('web-v000')).toEqual([]);
    expect(await stack.kubectl('get', 'rs', 'web-v000', '-o', 'jsonpath={.spec.replicas}')).toBe('2');

    // When: promoted
    const judgment = waiting.stages.find((s: Json) => s.type === 'manualJudgment');
    const patched = await stack.call('PATCH', `/pipelines/${waiting.id}/stages/${judgment.id}`, {
      judgmentStatus: 'continue',
      judgmentInput: 'promote',
    });
    expect(patched.status).toBe(200);
    const done = await eventually(
      () => stack.call('GET', `/pipelines/${waiting.id}`),
      (r) => ['SUCCEEDED', 'TERMINAL'].includes(r.body.status),
      90_000,
    );

    // Then
    const execution = done.body;
    expect(execution.status, JSON.stringify(execution.stages.map((s: Json) => s.context.exception))).toBe(
      'SUCCEEDED',
    );
    const judged = execution.stages.find((s: Json) => s.type === 'manualJudgment');
    expect(judged.context).toMatchObject({ judgmentStatus: 'continue', judgmentInput: 'promote' });
    const retire = execution.stages.find((s: Json) => s.refId === '3');
    expect(retire.status).toBe('SUCCEEDED');
    expect(retire.context.manifestName).toBe('replicaSet web-v000');
    expect(await stack.kubectl('get', 'rs', 'web-v000', '-o', 'jsonpath={.spec.replicas}')).toBe('0');
    expect(await podsBehindService('web-v001')).toHaveLength(2);
    expect((await executionsOf(stack, APP)).filter((e) => e.trigger?.type === 'webhook')).toHaveLength(1);
  }, 300_000);
});
