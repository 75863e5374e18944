import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck, saveScreenshot, type DeckSession } from './harness.js';

/**
 * Given a gate stand-in with authentication on (Basic login → session cookie + CSRF cookie),
 * server groups, load balancers and tasks, when Chromium drives deck: signing in and out works,
 * infrastructure actions are confirmed, sent as Spinnaker's manifest task jobs with the CSRF
 * header, and followed to their end; the tasks view lists orchestrations and cancels one.
 */

const SESSION = 'session-123';
const CSRF = 'csrf-456';
const sent: { path: string; body: unknown; csrf: string | undefined }[] = [];
const cancelled: string[] = [];
const now = Date.now();
const serverGroup = (sequence: number, ready: number, disabled: boolean) => ({
  name: `replicaSet web-v00${sequence}`,
  displayName: `web-v00${sequence}`,
  account: 'k8s',
  region: 'prod',
  namespace: 'prod',
  cloudProvider: 'kubernetes',
  kind: 'replicaSet',
  cluster: 'deployment web',
  moniker: { app: 'cargo', cluster: 'deployment web', sequence },
  isDisabled: disabled,
  capacity: { desired: 2 },
  instances: [0, 1].map((i) => ({
    name: `uid-${sequence}-${i}`,
    displayName: `web-v00${sequence}-${i}`,
    healthState: i < ready ? 'Up' : 'Down',
  })),
  buildInfo: { images: [`registry/web:${sequence}.0`] },
  loadBalancers: ['service web'],
  serverGroupManagers: [{ account: 'k8s', location: 'prod', name: 'web' }],
  createdTime: now - sequence * 1000,
});
const tasks = [
  {
    id: 't-run',
    name: 'Deploy manifest',
    application: 'cargo',
    status: 'RUNNING',
    startTime: now - 5_000,
    variables: [],
    steps: [{ name: 'deployManifest', status: 'RUNNING' }],
  },
  {
    id: 't-fail',
    name: 'Scale replicaSet web-v001',
    application: 'cargo',
    status: 'TERMINAL',
    startTime: now - 60_000,
    endTime: now - 50_000,
    variables: [{ key: 'exception', value: { details: { errors: ['replicas must be ≤ 10'] } } }],
    steps: [{ name: 'scaleManifest', status: 'TERMINAL' }],
  },
];

let gate: FastifyInstance | undefined;
let session: DeckSession | undefined;
let page: Page;
let deckUrl: string;

const signedIn = (request: FastifyRequest) => (request.headers.cookie ?? '').includes(`SESSION=${SESSION}`);
const alice = { username: 'alice', email: 'alice', roles: ['ops'] };

beforeAll(async () => {
  gate = fastify();
  gate.addHook('onRequest', async (request, reply) => {
    const open = ['/auth/user', '/login', '/auth/logout'].includes(request.url.split('?')[0] ?? '');
    if (!open && !signedIn(request)) {
      return reply.code(401).send({
        timestamp: 1,
        status: 401,
        error: 'Unauthorized',
        message: 'Full authentication is required',
        code: 'AUTHENTICATION',
        requestId: 'r1',
      });
    }
  });
  gate.get('/auth/user', async (request) => (signedIn(request) ? alice : {}));
  gate.post('/login', async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    if (username !== 'alice' || password !== 'wonderland')
      return reply.code(401).send({
        timestamp: 1,
        status: 401,
        error: 'Unauthorized',
        message: 'Bad credentials',
        code: 'AUTHENTICATION',
        requestId: 'r2',
      });
    void reply.header('set-cookie', [`SESSION=${SESSION}; Path=/; HttpOnly`, `XSRF-TOKEN=${CSRF}; Path=/`]);
    return { ...alice, csrfToken: CSRF };
  });
  gate.post('/auth/logout', async (_request, reply) => {
    void reply.header('set-cookie', ['SESSION=; Path=/; Max-Age=0', 'XSRF-TOKEN=; Path=/; Max-Age=0']);
    return reply.code(200).send();
  });
  gate.get('/applications/:app/serverGroups', async () => [
    serverGroup(1, 0, true),
    serverGroup(2, 1, false),
  ]);
  gate.get('/applications/:app/loadBalancers', async () => [
    {
      name: 'service web',
      account: 'k8s',
      namespace: 'prod',
      kind: 'service',
      serverGroups: [{ name: 'replicaSet web-v002', isDisabled: false }],
    },
  ]);
  gate.post('/applications/:app/tasks', async (request) => {
    sent.push({
      path: request.url,
      body: request.body,
      csrf: request.headers['x-xsrf-token'] as string | undefined,
    });
    return { ref: `/tasks/t${sent.length}` };
  });
  gate.get<{ Params: { id: string } }>('/tasks/:id', async (request) => ({
    id: request.params.id,
    name: 'op',
    application: 'cargo',
    status: 'SUCCEEDED',
    variables: [],
    steps: [],
  }));
  gate.get('/applications/:app/tasks', async () => tasks);
  gate.put<{ Params: { id: string } }>('/tasks/:id/cancel', async (request) => {
    cancelled.push(request.params.id);
    return {};
  });
  session = await openDeck(gate);
  ({ url: deckUrl, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('sign-in, infrastructure actions and tasks (gate stand-in with auth on)', () => {
  it('asks to sign in, refuses a wrong password, signs in and returns to the page asked for', async () => {
    await page.goto(`${deckUrl}/#/applications/cargo/infrastructure`);
    const user = page.getByTestId('current-user');
    await expect.poll(() => user.textContent()).toBe('Sign in');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Gate needs you to sign in');
    await page.getByRole('alert').first().getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    await page.getByLabel('Password').fill('wonderland');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => user.textContent()).toContain('Signed in as alice');
    await expect.poll(() => page.url()).toMatch(/#\/applications\/cargo\/infrastructure$/);
    await saveScreenshot(page, 'ops-signed-in');
  });

  it('shows clusters, server groups and pods, and runs confirmed actions as manifest tasks with the CSRF header', async () => {
    const v2 = page.getByTestId('server-group-web-v002');
    await expect.poll(() => v2.textContent()).toContain('1/2 ready');
    expect(await v2.textContent()).toMatch(/v002.*ENABLED/);
    expect(await page.getByTestId('server-group-web-v001').textContent()).toMatch(
      /v001.*DISABLED.*0\/2 ready/,
    );
    expect(await v2.getByRole('list', { name: 'Pods of web-v002' }).textContent()).toBe(
      'web-v002-0: Upweb-v002-1: Down',
    );
    expect(await page.getByRole('table').textContent()).toContain('service web');

    await v2.getByRole('button', { name: 'Scale web-v002' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Replicas').fill('3');
    await saveScreenshot(page, 'ops-scale-dialog');
    await dialog.getByRole('button', { name: 'Scale', exact: true }).click();
    await expect.poll(() => v2.getByRole('status').textContent()).toContain('SUCCEEDED');
    await v2.getByRole('button', { name: 'Rollback web-v002' }).click();
    expect(await page.getByRole('dialog').textContent()).toContain('deployment web');
    await page.getByRole('dialog').getByRole('button', { name: 'Rollback', exact: true }).click();
    await expect.poll(() => sent.length).toBe(2);
    expect(sent).toEqual([
      {
        path: '/applications/cargo/tasks',
        csrf: CSRF,
        body: {
          application: 'cargo',
          description: 'Scale replicaSet web-v002',
          job: [
            {
              cloudProvider: 'kubernetes',
              user: '[anonymous]',
              type: 'scaleManifest',
              account: 'k8s',
              location: 'prod',
              manifestName: 'replicaSet web-v002',
              replicas: 3,
            },
          ],
        },
      },
      {
        path: '/applications/cargo/tasks',
        csrf: CSRF,
        body: {
          application: 'cargo',
          description: 'Rollback replicaSet web-v002',
          job: [
            {
              cloudProvider: 'kubernetes',
              user: '[anonymous]',
              type: 'undoRolloutManifest',
              account: 'k8s',
              location: 'prod',
              manifestName: 'deployment web',
              numRevisionsBack: 1,
            },
          ],
        },
      },
    ]);
  });

  it('lists tasks with their first error and cancels a running one', async () => {
    await page.getByRole('link', { name: 'Tasks' }).click();
    const failedTask = page.getByTestId('task-t-fail');
    await expect.poll(() => failedTask.getByRole('alert').textContent()).toBe('replicas must be ≤ 10');
    expect(await page.getByTestId('task-t-run').textContent()).toContain('0/1 steps');
    await page.getByTestId('task-t-run').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel task' }).click();
    await expect.poll(() => cancelled).toEqual(['t-run']);
    await saveScreenshot(page, 'ops-tasks');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe('Sign in');
    await expect.poll(() => page.url()).toMatch(/#\/login$/);
  });
});
