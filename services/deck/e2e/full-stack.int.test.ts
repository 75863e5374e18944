import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
 * deck's freshly built bundle), when a user drives deck in Chromium: create an application, build
 * a pipeline (wait → manual judgment, a parameter, a webhook trigger) in the editor, break and fix
 * it in JSON mode, start it with a parameter, approve the judgment, see SUCCEEDED; a webhook run
 * appears without a reload; a Deployment applied with kubectl shows up in the infrastructure tab.
 *
 * deployManifest is left out: orca on this branch has no manifest stages yet.
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
  await browser?.close().catch(() => undefined);
  if (stack) {
    stack.child.kill('SIGINT');
    await Promise.race([stack.exited, new Promise((r) => setTimeout(r, 20_000))]);
    await stack.stop(0);
  }
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

const text = (selector: string) => page.locator(selector).first().textContent();

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

  it('builds a pipeline in the editor: wait, manual judgment, a parameter and a webhook trigger', async () => {
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
    const graph = page.getByRole('group', { name: 'Pipeline stages' });
    expect(await graph.getByRole('list').count()).toBe(2); // two columns: Wait → Manual Judgment

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
    await saveScreenshot(page, 'stack-02-editor-configuration');

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
      }[];
      parameterConfig: { name: string; required: boolean; default: string }[];
      triggers: { type: string; source: string; enabled: boolean }[];
    };
    expect(saved.stages.map((s) => [s.type, s.refId, s.requisiteStageRefIds])).toEqual([
      ['wait', '1', []],
      ['manualJudgment', '2', ['1']],
    ]);
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
    await saveScreenshot(page, 'stack-03-json-error');
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
    await page.goto(`${deckUrl}/#/applications/${app}/executions`);
    await page.getByRole('button', { name: 'Start manual execution' }).click();
    await page.getByLabel('tag (required)').fill('v2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const row = page.locator('[data-testid^="execution-"]').first();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.getByRole('link', { name: 'Open' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Continue' }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await page.getByTestId('stage-panel').textContent()).toContain('Ship it?');
    expect(await page.getByTestId('trigger-parameters').textContent()).toContain('v2');
    await saveScreenshot(page, 'stack-04-judgment');
    await page.getByLabel('Judgment input').selectOption('ship');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => text('[data-testid="execution-status"]'), { timeout: 30_000 }).toBe('SUCCEEDED');
    expect(page.url()).toMatch(new RegExp(`#/applications/${app}/executions/[^/?]+`));
    await saveScreenshot(page, 'stack-05-succeeded');
  }, 90_000);

  it('shows a webhook-triggered run without a reload', async () => {
    await page.goto(`${deckUrl}/#/applications/${app}/executions`);
    const rows = page.locator('[data-testid^="execution-"]');
    await expect.poll(() => rows.count()).toBe(1);
    const answer = await fetch(`${gateUrl}/webhooks/webhook/deck-e2e`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': webhookSecret },
      body: JSON.stringify({ ref: 'main' }),
    });
    expect(answer.status).toBe(200);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('executions-list').textContent()).toContain('by webhook');
    console.log(`live mode: ${await page.getByTestId('live-mode').getAttribute('data-mode')}`);
    await page.getByLabel('webhook').check();
    expect(page.url()).toContain('trigger=webhook');
    await expect.poll(() => rows.count()).toBe(1);
    await saveScreenshot(page, 'stack-06-webhook-run');
  }, 60_000);

  it('shows a server group created by kubectl apply in the infrastructure tab', async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  annotations:
    moniker.spinnaker.io/application: ${app}
    moniker.spinnaker.io/cluster: deployment web
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: 'nginx:1.27' }]
`;
    expect(kubectl(['apply', '-f', '-'], manifest)).toContain('deployment.apps/web created');
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
    await saveScreenshot(page, 'stack-07-infrastructure');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
  }, 60_000);
});
