import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts } from '@genoa/shared';
import { spawnManaged } from '@genoa/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './harness.js';

/**
 * Given the whole suite started as `npm start` does (redis, S3, kube sandbox, the seven services,
 * deck's freshly built bundle), when a user drives deck in Chromium: create an application; see a
 * Deployment applied with kubectl in the infrastructure tab; build a pipeline (wait → manual
 * judgment → deployManifest of that Deployment with the image from a parameter, a webhook trigger)
 * in the editor, break and fix it in JSON mode, start it with a parameter, approve the judgment,
 * see SUCCEEDED and the new server group in infrastructure, roll it back from there; a webhook run
 * appears live (SSE through deck's proxy to gate) without a reload.
 */

const root = fileURLToPath(new URL('../../..', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'deck-stack-'));
const offset = 35_000 + Math.floor(Math.random() * 4_000);
const deckUrl = `http://127.0.0.1:${defaultPorts.deck + offset}`;
const gateUrl = `http://127.0.0.1:${defaultPorts.gate + offset}`;
const webhookSecret = 'deck-e2e-webhook-secret';
const app = `shop${Math.floor(Math.random() * 1e6)}`;

let stack: ReturnType<typeof spawnManaged> | undefined;
let browser: Browser | undefined;
let page: Page;

/** The Deployment the tests apply with kubectl and type into the deployManifest stage form. */
const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: '${image}' }]
`;

const kubectl = (args: string[], input?: string) =>
  execFileSync(
    'kubectl',
    ['--kubeconfig', join(stateDir, 'kubeconfig'), '--cache-dir', join(stateDir, 'kubectl-cache'), ...args],
    { encoding: 'utf8', input },
  );

beforeAll(async () => {
  stack = spawnManaged(process.execPath, ['--import', 'tsx', join(root, 'scripts/local-stack/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      GENOA_STATE_DIR: stateDir,
      GENOA_PORT_OFFSET: String(offset),
      LOG_LEVEL: 'warn',
      GATE_WEBHOOK_SOURCES: JSON.stringify({ 'deck-e2e': { secret: webhookSecret } }),
    },
  });
  const deadline = Date.now() + 150_000;
  while (!stack.output().includes('Genoa is up') && Date.now() < deadline && stack.child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(stack.output(), stack.output()).toContain('Genoa is up');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  liveStream.abort.abort();
  await browser?.close().catch(() => undefined);
  if (stack) {
    stack.child.kill('SIGINT');
    await Promise.race([stack.exited, new Promise((r) => setTimeout(r, 20_000))]);
    await stack.stop(0);
  }
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

const text = (selector: string) => page.locator(selector).first().textContent();
const serverGroup = (image: string) =>
  page.locator('[data-testid^="server-group-"]', { hasText: image }).first();

/** A raw reader of the live stream through deck's proxy, as a client that accepts gzip. */
const liveStream = { body: '', headers: new Headers(), closed: false, abort: new AbortController() };
async function followLiveStream(): Promise<void> {
  const answer = await fetch(`${deckUrl}/gate/events/applications/${app}`, {
    headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' },
    signal: liveStream.abort.signal,
  });
  liveStream.headers = answer.headers;
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>)
        liveStream.body += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted at the end of the suite
    }
    liveStream.closed = true;
  })();
}

describe('deck against the full local stack', () => {
  it('creates an application', async () => {
    await page.goto(`${deckUrl}/#/applications`);
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByLabel('Name').fill(app);
    await page.getByLabel('Owner email').fill('team@example.com');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('create-app-status').textContent(), { timeout: 30_000 })
      .toBe('Application created.');
    await expect.poll(() => page.getByTestId('applications-table').textContent()).toContain(app);
    await saveScreenshot(page, 'stack-01-application-created');
  }, 60_000);

  it("ships React's production build although vitest runs with NODE_ENV=test", () => {
    expect(process.env.NODE_ENV).toBe('test');
    const assets = join(root, 'services/deck/dist/assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const code = scripts.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    expect(code).toContain('react.dev/errors/'); // production React's minified error links
    expect(code).not.toContain('Each child in a list should have a unique'); // a development-only warning
  });

  it('shows a server group created by kubectl apply in the infrastructure tab', async () => {
    const annotated = deployment('nginx:1.27').replace(
      '  namespace: default\n',
      `  namespace: default\n  annotations:\n    moniker.spinnaker.io/application: ${app}\n    moniker.spinnaker.io/cluster: deployment web\n`,
    );
    expect(kubectl(['apply', '-f', '-'], annotated)).toContain('deployment.apps/web created');
    await page.goto(`${deckUrl}/#/applications/${app}/infrastructure`);
    const cluster = page.getByTestId('cluster-deployment web');
    await expect.poll(() => cluster.textContent(), { timeout: 30_000 }).toContain('2/2 ready');
    const content = (await cluster.textContent()) ?? '';
    expect(content).toMatch(/web-[a-z0-9]+/);
    expect(content).toContain('ENABLED');
    expect(content).toContain('nginx:1.27');
    expect(content).toContain('v001');
    expect(
      await cluster
        .getByRole('list', { name: /Pods of web-/ })
        .getByRole('listitem')
        .count(),
    ).toBe(2);
    await cluster.getByRole('button', { name: /^Scale web-/ }).click();
    expect(await page.getByRole('dialog').getByLabel('Replicas').inputValue()).toBe('2');
    await saveScreenshot(page, 'stack-02-infrastructure');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
  }, 60_000);

  it('builds a pipeline in the editor: wait, manual judgment, deployManifest, a parameter and a webhook trigger', async () => {
    await page.goto(`${deckUrl}/#/applications/${app}/executions`);
    await page.getByRole('button', { name: 'Create pipeline' }).click();
    await page.getByLabel('Pipeline name').fill('release');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/pipelines\/[^/]+\/edit$/);

    await page.getByRole('button', { name: 'Add stage', exact: true }).click();
    await page.getByLabel('Wait time (seconds)').fill('1');
    await page.getByLabel('Stage type').selectOption('manualJudgment');
    await page.getByRole('button', { name: 'Add stage after Wait' }).click();
    await page.getByLabel('Instructions').fill('Ship it?');
    await page.getByLabel('Judgment inputs (comma-separated)').fill('ship, hold');
    await page.getByLabel('Stage type').selectOption('deployManifest');
    await page.getByRole('button', { name: /^Add stage after Manual Judgment/ }).click();
    await page.getByLabel('Account', { exact: true }).fill('local');
    await page.getByLabel('Moniker application').fill(app);
    await page.getByLabel('Manifest (YAML)').fill(deployment('nginx:${parameters.tag}'));
    const graph = page.getByRole('group', { name: 'Pipeline stages' });
    expect(await graph.getByRole('list').count()).toBe(3); // Wait → Manual Judgment → Deploy (Manifest)
    await saveScreenshot(page, 'stack-03-editor-deploy-manifest');

    await page.getByRole('tab', { name: 'Configuration' }).click();
    await page.getByRole('button', { name: 'Add parameter' }).click();
    await page.getByLabel('Name', { exact: true }).fill('tag');
    await page.getByLabel('Default').fill('v1');
    await page.getByLabel('Required').check();
    await page.getByLabel('Trigger type').selectOption('webhook');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    await page.getByLabel('Source').fill('deck-e2e');
    await page.getByLabel('Trigger type').selectOption('cron');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    await page.getByLabel(/Cron expression/).fill('0 30 9 ? * MON-FRI');
    expect(await page.getByTestId('cron-preview').textContent()).toBe('At 09:30, Monday through Friday');
    await page
      .getByRole('group', { name: 'Trigger 2: CRON' })
      .getByRole('button', { name: 'Remove trigger' })
      .click();
    await saveScreenshot(page, 'stack-04-editor-configuration');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 45_000 })
      .toBe('Saved.');
    const saved = (await (await fetch(`${gateUrl}/applications/${app}/pipelineConfigs/release`)).json()) as {
      stages: {
        type: string;
        refId: string;
        requisiteStageRefIds: string[];
        waitTime?: number;
        instructions?: string;
        account?: string;
        moniker?: { app?: string };
        manifests?: unknown[];
      }[];
      parameterConfig: { name: string; required: boolean; default: string }[];
      triggers: { type: string; source: string; enabled: boolean }[];
    };
    expect(saved.stages.map((s) => [s.type, s.refId, s.requisiteStageRefIds])).toEqual([
      ['wait', '1', []],
      ['manualJudgment', '2', ['1']],
      ['deployManifest', '3', ['2']],
    ]);
    expect(saved.stages[2]).toMatchObject({
      account: 'local',
      cloudProvider: 'kubernetes',
      source: 'text',
      moniker: { app },
      manifests: [
        {
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
          spec: { template: { spec: { containers: [{ image: 'nginx:${parameters.tag}' }] } } },
        },
      ],
    });
    expect(saved.stages[0]?.waitTime).toBe(1);
    expect(saved.stages[1]?.instructions).toBe('Ship it?');
    expect(saved.parameterConfig).toMatchObject([{ name: 'tag', required: true, default: 'v1' }]);
    expect(saved.triggers).toMatchObject([{ type: 'webhook', source: 'deck-e2e', enabled: true }]);
  }, 120_000);

  it('shows a JSON-mode error at its field, then saves the fixed JSON', async () => {
    await page.getByRole('tab', { name: 'Edit as JSON' }).click();
    const area = page.getByRole('textbox', { name: /^Pipeline JSON/ });
    const original = await area.inputValue();
    await area.fill(original.replace('"type": "wait"', '"type": 42'));
    await page.getByRole('button', { name: 'Apply JSON' }).click();
    const errors = page.getByTestId('json-errors');
    await expect.poll(() => errors.textContent()).toMatch(/stages\[0\]\.type: .*string/);
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'stack-05-json-error');
    await errors.getByRole('button').first().click();
    const selectedLine = await area.evaluate((el) => {
      const box = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return box.value.slice(box.selectionStart, box.selectionEnd);
    });
    expect(selectedLine).toContain('"type": 42');

    await area.fill(original.replace('"waitTime": 1', '"waitTime": 2'));
    await page.getByRole('button', { name: 'Apply JSON' }).click();
    expect(await page.getByTestId('json-errors').count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 45_000 })
      .toBe('Saved.');
    const saved = (await (await fetch(`${gateUrl}/applications/${app}/pipelineConfigs/release`)).json()) as {
      stages: { waitTime?: number }[];
    };
    expect(saved.stages[0]?.waitTime).toBe(2);
  }, 120_000);

  it('starts the pipeline with a parameter, approves the judgment and shows SUCCEEDED', async () => {
    await followLiveStream();
    await page.goto(`${deckUrl}/#/applications/${app}/executions`);
    await page.getByRole('button', { name: 'Start manual execution' }).click();
    await page.getByLabel('tag (required)').fill('1.28');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const row = page.locator('[data-testid^="execution-"]').first();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('link', { name: 'Open' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Continue' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await page.getByTestId('stage-panel').textContent()).toContain('Ship it?');
    expect(await page.getByTestId('trigger-parameters').textContent()).toContain('1.28');
    await saveScreenshot(page, 'stack-06-judgment');
    await page.getByLabel('Judgment input').selectOption('ship');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => text('[data-testid="execution-status"]'), { timeout: 120_000 }).toBe('SUCCEEDED');
    expect(page.url()).toMatch(new RegExp(`#/applications/${app}/executions/[^/?]+`));
    expect(
      kubectl(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']),
    ).toBe('nginx:1.28');
    await saveScreenshot(page, 'stack-07-succeeded');
  }, 180_000);

  it('shows the deployed server group in infrastructure and rolls it back with confirmation', async () => {
    await page.goto(`${deckUrl}/#/applications/${app}/infrastructure`);
    const deployed = serverGroup('nginx:1.28');
    await expect.poll(() => deployed.textContent(), { timeout: 30_000 }).toContain('2/2 ready');
    expect(await deployed.textContent()).toMatch(/web-[a-z0-9]+/);
    expect(await deployed.textContent()).toContain('v002');
    await expect
      .poll(() => serverGroup('nginx:1.27').textContent(), { timeout: 30_000 })
      .toContain('0/0 ready');
    await saveScreenshot(page, 'stack-08-deployed-server-group');

    await deployed.getByRole('button', { name: /^Rollback web-/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Undo the last rollout of deployment web in local/default?');
    await dialog.getByRole('button', { name: 'Rollback', exact: true }).click();
    const status = deployed.getByRole('status');
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/^Rollback replicaSet web-[a-z0-9]+: SUCCEEDED$/);
    expect(
      kubectl(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']),
    ).toBe('nginx:1.27');
    // The page follows the rollout: the previous version serves again, the rolled-back one drains.
    await expect
      .poll(() => serverGroup('nginx:1.27').textContent(), { timeout: 60_000 })
      .toContain('2/2 ready');
    await expect.poll(() => deployed.textContent(), { timeout: 60_000 }).toContain('0/0 ready');
    await saveScreenshot(page, 'stack-09-rolled-back');
  }, 150_000);

  it('shows a webhook-triggered run live (SSE through deck) without a reload', async () => {
    await page.goto(`${deckUrl}/#/applications/${app}/executions`);
    const rows = page.locator('[data-testid^="execution-"]');
    await expect.poll(() => rows.count()).toBe(1);
    // Live: the EventSource is open through deck's proxy, so polling has stopped and only the stream refreshes.
    const live = page.getByTestId('live-mode');
    await expect.poll(() => live.getAttribute('data-mode'), { timeout: 20_000 }).toBe('live');
    expect(await live.textContent()).toBe('Live');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const answer = await fetch(`${gateUrl}/webhooks/webhook/deck-e2e`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': webhookSecret },
      body: JSON.stringify({ ref: 'main' }),
    });
    expect(answer.status).toBe(200);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('executions-list').textContent()).toContain('by webhook');
    expect(navigations).toEqual([]);
    expect(await live.getAttribute('data-mode')).toBe('live');
    await saveScreenshot(page, 'stack-10-webhook-run-live');

    // The raw stream through deck: event-stream, not compressed though the client accepts gzip,
    // events flushed as they happen, keep-alives passing, still open after the whole run.
    expect(liveStream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(liveStream.headers.get('content-encoding')).toBeNull();
    expect(liveStream.body).toContain(': connected');
    expect(liveStream.body).toMatch(/event: execution\ndata: \{[^\n]*"status":"SUCCEEDED"/);
    await expect.poll(() => liveStream.body, { timeout: 20_000 }).toContain(': keep-alive');
    expect(liveStream.closed).toBe(false);

    await page.getByLabel('webhook').check();
    expect(page.url()).toContain('trigger=webhook');
    await expect.poll(() => rows.count()).toBe(1);
    await saveScreenshot(page, 'stack-11-webhook-filter');
  }, 60_000);
});
