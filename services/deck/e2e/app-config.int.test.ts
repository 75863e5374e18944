import fastify, { type FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck, saveScreenshot, type DeckSession } from './harness.js';

/**
 * Given a gate stand-in with one application, when Chromium drives deck's config tab: edits go
 * out as `updateApplication` tasks (permissions included) followed to their end, a failed task
 * shows its error, and delete needs the name typed before it sends `deleteApplication`.
 */

const tasks: { type: string; application: Record<string, unknown> }[] = [];
let attributes: Record<string, unknown> = {
  name: 'cargo',
  email: 'ops@example.com',
  description: 'ships boxes',
  cloudProviders: 'kubernetes',
  permissions: { READ: ['ops'], WRITE: ['ops'] },
};

let gate: FastifyInstance | undefined;
let session: DeckSession | undefined;
let page: Page;
let deckUrl: string;

beforeAll(async () => {
  gate = fastify();
  gate.get('/auth/user', async () => ({ username: 'anonymous' }));
  gate.get('/applications', async () =>
    tasks.some((t) => t.type === 'deleteApplication') ? [] : [attributes],
  );
  gate.get('/applications/:app', async () => ({ name: 'cargo', attributes, clusters: {} }));
  gate.post('/tasks', async (request) => {
    const job = (request.body as { job: (typeof tasks)[number][] }).job[0]!;
    tasks.push(job);
    return { ref: `/tasks/t${tasks.length}` };
  });
  gate.get<{ Params: { id: string } }>('/tasks/:id', async (request) => {
    const job = tasks[Number(request.params.id.slice(1)) - 1]!;
    const refused = job.type === 'updateApplication' && job.application.email === 'bad@example.com';
    if (job.type === 'updateApplication' && !refused) attributes = { ...job.application, updateTs: 1 };
    return {
      id: request.params.id,
      name: job.type,
      application: 'cargo',
      status: refused ? 'TERMINAL' : 'SUCCEEDED',
      variables: refused
        ? [{ key: 'exception', value: { details: { errors: ['front50 refused the owner email'] } } }]
        : [],
      steps: [],
    };
  });
  session = await openDeck(gate);
  ({ url: deckUrl, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('application config tab (gate stand-in)', () => {
  it('shows a failed update’s error, then saves attributes and permissions through a task', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/config`);
    await expect.poll(() => page.getByLabel('Owner email').inputValue()).toBe('ops@example.com');
    expect(await page.getByLabel('READ roles').inputValue()).toBe('ops');

    await page.getByLabel('Owner email').fill('bad@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'front50 refused the owner email' }).waitFor();

    await page.getByLabel('Owner email').fill('cargo@example.com');
    await page.getByLabel('EXECUTE roles').fill('deployers, ops');
    await page.getByLabel('WRITE roles').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Application saved.').waitFor();
    expect(tasks.at(-1)).toMatchObject({
      type: 'updateApplication',
      application: {
        name: 'cargo',
        email: 'cargo@example.com',
        permissions: { READ: ['ops'], EXECUTE: ['deployers', 'ops'] },
      },
    });
    expect(tasks.at(-1)?.application.permissions).not.toHaveProperty('WRITE');
    await saveScreenshot(page, 'app-config-saved');
  }, 60_000);

  it('deletes only after the name is typed, then shows the applications list', async () => {
    await page.getByRole('button', { name: 'Delete application…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete application' });
    const remove = dialog.getByRole('button', { name: 'Delete', exact: true });
    expect(await remove.isDisabled()).toBe(true);
    await dialog.getByLabel('Type cargo to confirm').fill('carg');
    expect(await remove.isDisabled()).toBe(true);
    await dialog.getByLabel('Type cargo to confirm').fill('cargo');
    await remove.click();
    await expect.poll(() => new URL(page.url()).hash, { timeout: 10_000 }).toBe('#/applications');
    expect(tasks.at(-1)).toEqual({
      type: 'deleteApplication',
      application: { name: 'cargo' },
      user: '[anonymous]',
    });
  }, 60_000);
});
