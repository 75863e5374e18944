import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@genoa/testing';
import fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa, launchChromium, startDeck } from './harness.js';

/**
 * Given deck's real production bundle served by deck's server, and a gate stand-in behind its
 * /gate proxy, when Chromium loads deck, then the suite status shows gate's version and health;
 * and when gate goes away, a reload shows that gate is unreachable.
 */

let outDir: string;
let gate: FastifyInstance | undefined;
let deck: FastifyInstance | undefined;
let browser: Browser | undefined;
let page: Page;
let deckUrl: string;
const browserErrors: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'deck-e2e-'));
  await buildSpa(outDir);

  gate = fastify();
  gate.get('/version', async () => ({ service: 'gate', version: '7.7.7-e2e' }));
  gate.get('/auth/user', async () => ({ username: 'anonymous' }));
  gate.get('/health', async () => ({
    status: 'UP',
    checks: { redis: { status: 'UP', latencyMs: 1 } },
  }));
  const gatePort = await freePort();
  await gate.listen({ port: gatePort, host: '127.0.0.1' });

  ({ deck, url: deckUrl } = await startDeck(outDir, `http://127.0.0.1:${gatePort}`));

  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (err) => browserErrors.push(err.message));
  page.on('console', (message) => {
    // 502s from the proxy are expected once gate is stopped; anything else is a defect.
    if (message.type() === 'error' && !message.text().includes('502')) browserErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await deck?.close().catch(() => undefined);
  await gate?.close().catch(() => undefined);
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('deck shell', () => {
  it('shows gate’s version and health on the suite status page', async () => {
    await page.goto(deckUrl);
    await expect.poll(() => page.title()).toBe('Suite status · Genoa');
    await expect.poll(() => page.getByTestId('gate-version').textContent()).toBe('7.7.7-e2e');
    expect(await page.getByTestId('gate-health').textContent()).toBe('UP');
    expect(await page.getByRole('banner').getByText('Genoa').isVisible()).toBe(true);
    expect(await page.getByRole('row', { name: /redis/ }).textContent()).toContain('UP');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(browserErrors).toEqual([]);
  });

  it('serves a path-style deep link with the shell and moves it into the hash', async () => {
    await page.goto(`${deckUrl}/no/such/screen`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(new URL(page.url()).hash).toBe('#/no/such/screen');
  });

  it('shows that gate is unreachable after gate stops', async () => {
    await gate?.close();
    gate = undefined;
    await page.goto(deckUrl);
    await page.reload();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('Gate is unreachable');
    expect(await alert.textContent()).toContain('502');
    expect(await page.getByTestId('gate-version').textContent()).toBe('—');
    expect(await page.getByText('UNREACHABLE', { exact: true }).isVisible()).toBe(true);
    expect(browserErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
