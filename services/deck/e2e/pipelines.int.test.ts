import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@genoa/testing';
import fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSpa, launchChromium, saveScreenshot, startDeck } from './harness.js';

/**
 * Given deck's production bundle behind deck's server and a stateful gate stand-in (applications,
 * tasks, pipeline configs, executions), when Chromium drives the applications and executions
 * screens, then searching, creating an application, judging a manual judgment and the manual
 * start form's validation behave as in Spinnaker.
 */

interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

const now = Date.now();
const apps: Record<string, unknown>[] = [
  { name: 'cargo', email: 'ops@example.com', accounts: 'k8s-prod', updateTs: String(now - 60_000) },
  { name: 'web', email: 'web@example.com', accounts: 'k8s-dev', updateTs: String(now - 120_000) },
];
const tasks = new Map<string, { polls: number; app: Record<string, unknown> }>();
const calls: Recorded[] = [];
/** The executions list GETs, in order (first paint asks for fewer per pipeline). */
const listed: string[] = [];
const execution = {
  id: 'e1',
  type: 'PIPELINE',
  application: 'cargo',
  name: 'deploy',
  pipelineConfigId: 'p-deploy',
  status: 'RUNNING',
  startTime: now - 90_000,
  trigger: { type: 'manual', user: 'alice', parameters: {} },
  stages: [
    {
      id: 's1',
      refId: '1',
      type: 'wait',
      name: 'Wait',
      status: 'SUCCEEDED',
      context: {},
      startTime: now - 90_000,
      endTime: now - 60_000,
    },
    {
      id: 's2',
      refId: '2',
      type: 'manualJudgment',
      name: 'Approve',
      status: 'RUNNING',
      context: { instructions: 'Ship it?' },
      startTime: now - 60_000,
    },
  ],
};
const failed = {
  id: 'e3',
  type: 'PIPELINE',
  application: 'cargo',
  name: 'deploy',
  pipelineConfigId: 'p-deploy',
  status: 'TERMINAL',
  startTime: now - 300_000,
  endTime: now - 200_000,
  trigger: {
    type: 'webhook',
    user: 'ci',
    parameters: { version: '1.2.3' },
    artifacts: [{ type: 'docker/image', name: 'cargo', reference: 'registry/cargo:1.2.3' }],
  },
  stages: [
    {
      id: 'f1',
      refId: '1',
      type: 'wait',
      name: 'Soak',
      status: 'SUCCEEDED',
      context: { waitTime: 5 },
      startTime: now - 300_000,
      endTime: now - 295_000,
      tasks: [
        { id: 't1', name: 'wait', status: 'SUCCEEDED', startTime: now - 300_000, endTime: now - 295_000 },
      ],
    },
    {
      id: 'f2',
      refId: '2',
      requisiteStageRefIds: ['1'],
      type: 'checkPreconditions',
      name: 'Gate A',
      status: 'TERMINAL',
      context: {
        exception: { details: { error: 'Precondition failed', errors: ['version 1.2.3 is not approved'] } },
      },
      startTime: now - 295_000,
      endTime: now - 200_000,
    },
    {
      id: 'f3',
      refId: '3',
      requisiteStageRefIds: ['1'],
      type: 'wait',
      name: 'Gate B',
      status: 'SUCCEEDED',
      context: {},
      startTime: now - 295_000,
      endTime: now - 290_000,
    },
  ],
};
const live = new Set<ServerResponse>();
const pipelineConfigs = [
  {
    id: 'p-deploy',
    name: 'deploy',
    application: 'cargo',
    stages: [],
    parameterConfig: [
      { name: 'version', label: 'Version', required: true },
      { name: 'env', hasOptions: true, options: [{ value: 'staging' }, { value: 'prod' }] },
    ],
  },
];

let outDir: string;
let gate: FastifyInstance | undefined;
let deck: FastifyInstance | undefined;
let browser: Browser | undefined;
let page: Page;
let deckUrl: string;

const screenshot = (name: string) => saveScreenshot(page, `standin-${name}`);

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'deck-e2e-'));
  await buildSpa(outDir);

  gate = fastify();
  gate.addHook('onRequest', async (request) => {
    if (request.method !== 'GET') calls.push({ method: request.method, url: request.url, body: undefined });
  });
  gate.addHook('preHandler', async (request) => {
    const last = calls.at(-1);
    if (last && last.url === request.url) last.body = request.body;
  });
  gate.get('/applications', async () => apps);
  gate.get('/auth/user', async () => ({ username: 'anonymous' }));
  gate.get('/v2/builds', async () => ['ci-master']);
  gate.get('/v3/builds/ci-master/jobs', async () => ['cargo/build', 'cargo/test']);
  gate.get('/cron/validate', async (request) => {
    const { expression } = request.query as { expression: string };
    return expression === '0 0 12 * * ?'
      ? { valid: true, description: 'At 12:00 PM, every day (echo)' }
      : { valid: false, message: `Invalid cron expression: ${expression}` };
  });
  gate.post('/tasks', async (request) => {
    const body = request.body as { job: { application: Record<string, unknown> }[] };
    const id = `t${tasks.size + 1}`;
    tasks.set(id, { polls: 0, app: body.job[0]?.application ?? {} });
    return { ref: `/tasks/${id}` };
  });
  gate.get<{ Params: { id: string } }>('/tasks/:id', async (request, reply) => {
    const task = tasks.get(request.params.id);
    if (!task) return reply.code(404).send({ message: 'no task' });
    task.polls += 1;
    const done = task.polls > 1;
    if (done && !apps.some((app) => app.name === task.app.name))
      apps.push({ ...task.app, updateTs: String(Date.now()) });
    return {
      id: request.params.id,
      application: task.app.name,
      status: done ? 'SUCCEEDED' : 'RUNNING',
      variables: [],
      steps: [],
    };
  });
  gate.get('/applications/:app/pipelineConfigs', async () => pipelineConfigs);
  gate.get('/applications/:app/pipelines', async (request) => {
    listed.push(request.url);
    return [execution, failed];
  });
  gate.get<{ Params: { id: string } }>('/pipelines/:id', async (request, reply) => {
    const found = [execution, failed].find((e) => e.id === request.params.id);
    return found ?? reply.code(404).send({ message: 'no such execution' });
  });
  gate.get('/events/applications/:app', (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    reply.raw.write(': hello\n\n');
    live.add(reply.raw);
    request.raw.on('close', () => live.delete(reply.raw));
  });
  gate.post('/pipelines', async (_request, reply) =>
    reply.code(400).send({
      timestamp: 1,
      status: 400,
      error: 'Bad Request',
      message:
        'The submitted pipeline is stale: it was loaded at updateTs 1, but deploy was changed by bob at updateTs 2.',
      code: 'INPUT',
      requestId: 'r-stale',
    }),
  );
  gate.patch<{ Params: { stageId: string } }>('/pipelines/:id/stages/:stageId', async (request) => {
    const stage = execution.stages.find((s) => s.id === request.params.stageId);
    if (stage) Object.assign(stage, { status: 'SUCCEEDED', endTime: Date.now() });
    Object.assign(execution, { status: 'SUCCEEDED', endTime: Date.now() });
    return execution;
  });
  gate.post<{ Params: { id: string } }>('/pipelines/:id/evaluateExpression', async (request) => {
    const { expression } = request.body as { expression: string };
    if (expression === '${trigger.parameters.version}' && request.params.id === 'e3')
      return { result: '1.2.3' };
    return {
      result: expression,
      detail: {
        [expression]: [{ description: `Failed to evaluate ${expression}: nope not found`, level: 'ERROR' }],
      },
    };
  });
  gate.post('/pipelines/:app/:name', async (_request, reply) =>
    reply.code(202).send({ ref: '/pipelines/e2' }),
  );
  const gatePort = await freePort();
  await gate.listen({ port: gatePort, host: '127.0.0.1' });

  ({ deck, url: deckUrl } = await startDeck(outDir, `http://127.0.0.1:${gatePort}`));

  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`browser: ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
});

afterAll(async () => {
  for (const stream of live) stream.end();
  await browser?.close().catch(() => undefined);
  await deck?.close().catch(() => undefined);
  await gate?.close().catch(() => undefined);
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
});

const rowNames = () => page.getByTestId('applications-table').locator('tbody th').allTextContents();

describe('applications and executions', () => {
  it('filters the applications list by search', async () => {
    await page.goto(`${deckUrl}/#/applications`);
    await expect.poll(rowNames).toEqual(['cargo', 'web']);
    await page.getByLabel('Search').fill('ops@');
    await expect.poll(rowNames).toEqual(['cargo']);
    await page.getByLabel('Search').fill('nothing-like-this');
    await expect.poll(() => page.getByText('No application matches').isVisible()).toBe(true);
    await screenshot('applications-search');
  });

  it('creates an application and lists it once the task succeeds', async () => {
    await page.goto(`${deckUrl}/#/applications`);
    await page.getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByLabel('Name').fill('Payments');
    await page.getByLabel('Owner email').fill('pay@example.com');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('create-app-status').textContent(), { timeout: 10_000 })
      .toBe('Application created.');
    await expect.poll(rowNames).toEqual(['cargo', 'payments', 'web']);
    const post = calls.find((call) => call.method === 'POST' && call.url === '/tasks');
    expect(post?.body).toEqual({
      job: [
        {
          type: 'createApplication',
          application: { name: 'payments', email: 'pay@example.com', cloudProviders: 'kubernetes' },
          user: '[anonymous]',
        },
      ],
      application: 'payments',
      description: 'Create Application: payments',
    });
    await screenshot('applications-create');
  });

  it('continues a manual judgment and shows SUCCEEDED on the next poll', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/executions`);
    const row = page.getByTestId('execution-e1');
    const summary = row.locator('.execution__summary');
    await expect.poll(() => summary.textContent()).toContain('RUNNING');
    expect(await row.getByText('Ship it?').isVisible()).toBe(true);
    await screenshot('executions-judgment');
    await row.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain('SUCCEEDED');
    expect(calls).toContainEqual({
      method: 'PATCH',
      url: '/pipelines/e1/stages/s2',
      body: { judgmentStatus: 'continue' },
    });
    expect(await row.getByRole('button', { name: 'Continue' }).count()).toBe(0);
  });

  it('refuses to start a pipeline with a required parameter left empty', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/executions`);
    await page.getByRole('button', { name: 'Start manual execution' }).click();
    const version = page.getByLabel('Version (required)');
    await expect.poll(() => version.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByText('Version is required.').isVisible()).toBe(true);
    expect(await version.getAttribute('aria-invalid')).toBe('true');
    expect(await version.evaluate((el) => el.matches(':focus'))).toBe(true);
    await screenshot('executions-start-invalid');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });
});

describe('execution details, live updates, filters and the editor (gate stand-in)', () => {
  it('deep-links to a stage: graph columns, failure message first, tasks, trigger parameters and artifacts', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/executions/e3`);
    const panel = page.getByTestId('stage-panel');
    // The failed stage is selected by default, its message first.
    await expect
      .poll(() => panel.locator('.error-panel__title').textContent())
      .toBe('version 1.2.3 is not approved');
    const columns = page.getByRole('group', { name: 'Stage graph' }).getByRole('list');
    expect(await columns.count()).toBe(2);
    expect(await columns.nth(1).textContent()).toMatch(/Gate A.*Gate B/);
    expect(await page.getByTestId('trigger-parameters').textContent()).toContain('1.2.3');
    expect(await page.getByTestId('trigger-details').textContent()).toContain('registry/cargo:1.2.3');
    expect(
      await page.getByTestId('execution-summary').getByRole('button', { name: 'Re-run' }).isVisible(),
    ).toBe(true);
    await screenshot('details-failed-stage');

    await page.getByTestId('stage-node-Soak').click();
    await expect.poll(() => page.url()).toMatch(/executions\/e3\?stage=f1$/);
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Soak');
    expect(await panel.locator('table').textContent()).toContain('wait');
    expect(await panel.getByRole('list', { name: 'Context of Soak' }).textContent()).toContain('waitTime');
    await page.goto(`${deckUrl}/#/applications/cargo/executions/e3?stage=f3`);
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Gate B');
  });

  it('evaluates an expression against the execution and shows the result or the evaluator’s error', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/executions/e3`);
    const expression = page.getByLabel('Expression', { exact: true });
    await expression.fill('${trigger.parameters.version}');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await expect.poll(() => page.getByTestId('expression-result').textContent()).toContain('"1.2.3"');
    await expression.fill('${nope.x}');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Failed to evaluate ${nope.x}: nope not found' })
      .waitFor();
    expect(await page.getByTestId('expression-result').count()).toBe(0);
    await screenshot('details-expression-error');
  });

  it('shows a status change pushed on gate’s live stream well before the next poll', async () => {
    Object.assign(execution, { status: 'RUNNING', endTime: undefined });
    await page.goto(`${deckUrl}/#/applications/cargo/executions`);
    await expect.poll(() => page.getByTestId('live-mode').getAttribute('data-mode')).toBe('live');
    const summary = page.getByTestId('execution-e1').locator('.execution__summary');
    await expect.poll(() => summary.textContent()).toContain('RUNNING');
    Object.assign(execution, { status: 'CANCELED', endTime: Date.now() });
    const sent = Date.now();
    const event = {
      application: 'cargo',
      executionId: 'e1',
      executionType: 'PIPELINE',
      type: 'orca:pipeline:complete',
      timestamp: sent,
    };
    for (const stream of live) stream.write(`event: execution\ndata: ${JSON.stringify(event)}\n\n`);
    await expect.poll(() => summary.textContent(), { timeout: 3_000, interval: 50 }).toContain('CANCELED');
    expect(Date.now() - sent).toBeLessThan(2_500); // polling alone would take up to 5 s
  });

  it('keeps filters in the URL', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/executions`);
    await expect.poll(() => page.locator('[data-testid^="execution-e"]').count()).toBe(2);
    await page.getByRole('group', { name: 'Status' }).getByLabel('TERMINAL').check();
    await expect.poll(() => page.url()).toContain('status=TERMINAL');
    await expect.poll(() => page.locator('[data-testid^="execution-e"]').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid^="execution-e"]').count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Status' }).getByLabel('TERMINAL').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('[data-testid^="execution-e"]').count()).toBe(2);
    expect(page.url()).not.toContain('status=');
  });

  it('explains a stale save as a conflict and offers to reload', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/pipelines/p-deploy/edit`);
    await page.getByRole('button', { name: 'Add stage', exact: true }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByTestId('save-conflict');
    await expect.poll(() => conflict.textContent()).toContain('changed by bob');
    expect(await conflict.getByRole('button', { name: 'Reload latest version' }).isVisible()).toBe(true);
    await screenshot('editor-conflict');
  });

  it('suggests Jenkins masters and jobs from gate in the trigger form', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/pipelines/p-deploy/edit`);
    await page.getByRole('tab', { name: 'Stages' }).focus();
    await page.keyboard.press('ArrowRight'); // tabs move with the arrow keys
    expect(await page.getByRole('tab', { name: 'Configuration' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Trigger type').selectOption('jenkins');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const options = (id: string) =>
      page.locator(`datalist#${id} option`).evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    await expect.poll(() => options('trigger-0-masters')).toEqual(['ci-master']);
    await page.getByLabel('Master').fill('ci-master');
    await expect.poll(() => options('trigger-0-jobs')).toEqual(['cargo/build', 'cargo/test']);
  });

  it('edits pipeline and manual judgment notifications into Spinnaker’s shape', async () => {
    await page.goto('about:blank'); // a fresh editor, not the previous test's draft
    await page.goto(`${deckUrl}/#/applications/cargo/pipelines/p-deploy/edit`);
    await page.getByLabel('Stage type').selectOption('manualJudgment');
    await page.getByRole('button', { name: 'Add stage', exact: true }).click();
    const judgment = page.getByRole('group', { name: 'Judgment notifications' });
    await judgment.getByRole('button', { name: 'Add notification' }).click();
    await judgment.getByLabel('Type').selectOption('email');
    await judgment.getByLabel('Email address').fill('not-an-email');
    expect(await judgment.getByText('Use email addresses, comma-separated.').isVisible()).toBe(true);
    await judgment.getByLabel('Email address').fill('ops@example.com');
    await judgment.getByLabel('Awaiting judgment').check();

    await page.getByRole('tab', { name: 'Configuration' }).click();
    const notifications = page.getByRole('region', { name: 'Notifications' });
    await notifications.getByRole('button', { name: 'Add notification' }).click();
    expect(await notifications.getByText('Choose at least one event.').isVisible()).toBe(true);
    await notifications.getByLabel('Slack channel').fill('#deploys');
    await notifications.getByLabel('Pipeline failed').check();
    await notifications.getByLabel('Pipeline is starting').check();
    await notifications
      .getByLabel('Custom message (optional)')
      .fill('deploy of ${trigger.parameters.version}');
    await screenshot('editor-notifications');

    await page.getByRole('tab', { name: 'Edit as JSON' }).click();
    const json = JSON.parse(await page.locator('#pipeline-json').inputValue()) as {
      notifications: unknown[];
      stages: { notifications?: unknown[]; sendNotifications?: boolean }[];
    };
    expect(json.notifications).toEqual([
      {
        type: 'slack',
        address: '#deploys',
        level: 'pipeline',
        when: ['pipeline.starting', 'pipeline.failed'],
        message: {
          'pipeline.starting': { text: 'deploy of ${trigger.parameters.version}' },
          'pipeline.failed': { text: 'deploy of ${trigger.parameters.version}' },
        },
      },
    ]);
    expect(json.stages[0]).toMatchObject({
      sendNotifications: true,
      notifications: [
        { type: 'email', address: 'ops@example.com', level: 'stage', when: ['manualJudgment'] },
      ],
    });
  });

  it('offers Jenkins masters and jobs in the jenkins stage form, and shows gate’s cron verdict', async () => {
    await page.goto('about:blank');
    await page.goto(`${deckUrl}/#/applications/cargo/pipelines/p-deploy/edit`);
    await page.getByLabel('Stage type').selectOption('jenkins');
    await page.getByRole('button', { name: 'Add stage', exact: true }).click();
    const editor = page.getByTestId('stage-editor');
    expect(await editor.getByText('Choose a Jenkins master.').isVisible()).toBe(true);
    const options = (suffix: string) =>
      editor
        .locator(`datalist[id$="-${suffix}"] option`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    await expect.poll(() => options('masters')).toEqual(['ci-master']);
    await editor.getByLabel('Master').fill('ci-master');
    await expect.poll(() => options('jobs')).toEqual(['cargo/build', 'cargo/test']);
    await editor.getByLabel('Job', { exact: true }).fill('cargo/build');
    expect(await editor.getByText('Choose a job.').count()).toBe(0);
    const parameters = editor.getByLabel('Job parameters (key=value per line)');
    await parameters.pressSequentially('branch=main'); // typed key by key: nothing is lost mid-line
    expect(await parameters.inputValue()).toBe('branch=main');

    await page.getByRole('tab', { name: 'Configuration' }).click();
    await page.getByLabel('Trigger type').selectOption('cron');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    await expect
      .poll(() => page.getByTestId('cron-preview').textContent())
      .toBe('At 12:00 PM, every day (echo)');
    await page.getByLabel(/^Cron expression/).fill('0 0 12 * * MON-FRI');
    await page.getByText('Invalid cron expression: 0 0 12 * * MON-FRI').waitFor();
    await screenshot('editor-jenkins-cron');
  });

  it('asks for the newest run per pipeline first, then the full list', async () => {
    await page.goto('about:blank');
    listed.length = 0;
    await page.goto(`${deckUrl}/#/applications/cargo/executions`);
    await expect.poll(() => page.locator('[data-testid^="execution-e"]').count()).toBe(2);
    await expect
      .poll(() => listed.slice(0, 2))
      .toEqual(['/applications/cargo/pipelines?limit=1', '/applications/cargo/pipelines?limit=10']);
  });
});
