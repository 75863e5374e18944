import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@genoa/shared/node';
import { freePort } from '@genoa/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app.js';

const deckRoot = fileURLToPath(new URL('..', import.meta.url));

/** Chromium flags for this machine (ENVIRONMENT.md): no sandbox as root, no background network. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Builds deck's production SPA into `outDir` with Vite, as `vite build` does (React's production build). */
export async function buildSpa(outDir: string): Promise<void> {
  // vitest sets NODE_ENV=test, which makes Vite bundle React's development build (and JSX's dev
  // runtime); the e2e tests must drive what ships, so build as `vite build` does from a shell.
  /* eslint-disable no-restricted-properties -- the test process's NODE_ENV, not configuration */
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(deckRoot, 'vite.config.ts'),
      root: deckRoot,
      logLevel: 'silent',
      mode: 'production',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  /* eslint-enable no-restricted-properties */
}

/** Starts deck's real server on a free port, serving `outDir` and proxying /gate to `gateUrl`. */
export async function startDeck(
  outDir: string,
  gateUrl: string,
): Promise<{ deck: FastifyInstance; url: string }> {
  const deck = await buildApp({
    config: { DECK_DIST_DIR: outDir, DECK_GATE_URL: gateUrl, DECK_GATE_CONNECT_TIMEOUT_MS: 2_000 },
    logger: createLogger({ service: 'deck', level: 'silent' }),
    version: '0.0.0-e2e',
  });
  const port = await freePort();
  await deck.listen({ port, host: '127.0.0.1' });
  return { deck, url: `http://127.0.0.1:${port}` };
}

/** Launches Debian's headless Chromium through playwright-core (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

/** Where e2e screenshots go (gitignored): `services/deck/e2e-artifacts/`. */
export const artifactsDir = join(deckRoot, 'e2e-artifacts');

/** Saves a full-page screenshot of `page` as `<artifactsDir>/<name>.png` and logs its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** deck's production bundle served in front of a gate stand-in, with Chromium open on it. */
export interface DeckSession {
  url: string;
  page: Page;
  /** Closes Chromium, deck and the gate stand-in, and removes the built bundle. */
  close(): Promise<void>;
}

/**
 * Builds the SPA, starts `gate` (a stand-in with its routes registered) on `gatePort` (or a free
 * port), starts deck's server proxying /gate to it, and opens a Chromium page.
 */
export async function openDeck(gate: FastifyInstance, gatePort?: number): Promise<DeckSession> {
  const outDir = await mkdtemp(join(tmpdir(), 'deck-e2e-'));
  await buildSpa(outDir);
  const port = gatePort ?? (await freePort());
  await gate.listen({ port, host: '127.0.0.1' });
  const { deck, url } = await startDeck(outDir, `http://127.0.0.1:${port}`);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  return {
    url,
    page,
    async close() {
      await browser.close().catch(() => undefined);
      await deck.close().catch(() => undefined);
      await gate.close().catch(() => undefined);
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
