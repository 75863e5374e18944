/**
 * deck benchmark, in real Chromium (Debian's /usr/bin/chromium through playwright-core):
 *  1. initial JavaScript: gzip size of the scripts the HTML shell loads up front (target ≤ 300 KB);
 *  2. first meaningful render of the pipelines screen for an application with 1,000 pipelines and
 *     10,000 executions (10 per pipeline): from navigation start until the first pipeline heading
 *     is on screen (target < 1 s), and how many rows the virtualised list keeps in the DOM;
 *  3. status change → visible: an execution turns TERMINAL, gate's live stream says so, and the
 *     open page shows it (target < 1 s; p50/max over 10 changes).
 * Gate is a canned HTTP server in this process: it serves deck's production bundle (built with
 * Vite into a temp dir) and answers `/gate/*` from generated data, including the SSE stream.
 * Run: `npm run bench -- deck`. Size knobs: DECK_BENCH_PIPELINES (1000), DECK_BENCH_RUNS (10 per pipeline).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const PIPELINES = Number(process.env.DECK_BENCH_PIPELINES ?? 1000);
const RUNS = Number(process.env.DECK_BENCH_RUNS ?? 10);
const CHANGES = 10;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deckDir = join(root, 'services/deck');
const out = mkdtempSync(join(tmpdir(), 'deck-bench-'));

execFileSync('pnpm', ['exec', 'vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
  cwd: deckDir,
  stdio: 'inherit',
});

// 1. Initial JS: the module script and its modulepreloads in index.html.
const html = readFileSync(join(out, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const initialGzip = initial.reduce((n, f) => n + gzipSync(readFileSync(join(out, f))).length, 0);

// Canned gate data.
const now = Date.now();
const stage = (id: string, refId: string, type: string, status: string, start: number, end?: number) => ({
  id,
  refId,
  type,
  name: type,
  status,
  startTime: start,
  ...(end ? { endTime: end } : {}),
  context: {},
  outputs: {},
  tasks: [],
  requisiteStageRefIds: refId === '1' ? [] : [String(Number(refId) - 1)],
});
const pipelines = Array.from({ length: PIPELINES }, (_, i) => ({
  id: `p${i}`,
  name: `pipeline-${String(i).padStart(4, '0')}`,
  application: 'bench',
  index: i,
  stages: [],
  triggers: [],
}));
const executions = pipelines.flatMap((p, i) =>
  Array.from({ length: RUNS }, (_, r) => {
    const start = now - (r + 1) * 3_600_000 - i * 1000;
    const running = r === 0;
    return {
      id: `e${i}-${r}`,
      type: 'PIPELINE',
      application: 'bench',
      name: p.name,
      pipelineConfigId: p.id,
      status: running ? 'RUNNING' : 'SUCCEEDED',
      startTime: start,
      ...(running ? {} : { endTime: start + 120_000 }),
      trigger: { type: r % 3 === 0 ? 'webhook' : 'manual', user: 'bench' },
      stages: [
        stage(`s${i}-${r}-1`, '1', 'wait', 'SUCCEEDED', start, start + 30_000),
        stage(
          `s${i}-${r}-2`,
          '2',
          'manualJudgment',
          running ? 'RUNNING' : 'SUCCEEDED',
          start + 30_000,
          running ? undefined : start + 90_000,
        ),
        stage(
          `s${i}-${r}-3`,
          '3',
          'wait',
          running ? 'NOT_STARTED' : 'SUCCEEDED',
          start + 90_000,
          running ? undefined : start + 120_000,
        ),
      ],
    };
  }),
);
const byId = new Map(executions.map((e) => [e.id, e]));
const pipelinesJson = JSON.stringify(pipelines);
/** Gate's answer per `limit` (executions per pipeline config, newest first), rebuilt after a change. */
let executionsJson = new Map<number, string>();
const executionsAnswer = (limit: number) => {
  let json = executionsJson.get(limit);
  if (json === undefined) {
    json = JSON.stringify(executions.filter((e) => Number(e.id.split('-')[1]) < limit));
    executionsJson.set(limit, json);
  }
  return json;
};
const streams = new Set<ServerResponse>();

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  const json = (body: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  if (path === '/gate/applications/bench/pipelineConfigs') return json(pipelinesJson);
  if (path === '/gate/applications/bench/pipelines')
    return json(executionsAnswer(Number(url.searchParams.get('limit') ?? RUNS)));
  if (path.startsWith('/gate/pipelines/')) {
    const execution = byId.get(decodeURIComponent(path.slice('/gate/pipelines/'.length)));
    return execution ? json(JSON.stringify(execution)) : res.writeHead(404).end('{}');
  }
  if (path === '/gate/events/applications/bench') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  if (path.startsWith('/gate/')) return json(path === '/gate/auth/user' ? '{}' : '[]');
  const file = normalize(join(out, path === '/' ? 'index.html' : path));
  if (!file.startsWith(out)) return res.writeHead(404).end();
  try {
    res
      .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
// Browser-side snippets are strings: this file is type-checked without the DOM library.
/** Records in `window.__fmr` when the first pipeline heading is in the document, `__fer` the first execution row. */
const watchFirstRender = `new MutationObserver((_m, observer) => {
  if (window.__fmr === undefined && document.querySelector('[data-testid="executions-list"] h2')) {
    window.__fmr = performance.now();
  }
  if (document.querySelector('[data-testid="executions-list"] [data-testid^="execution-"]')) {
    window.__fer = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });`;
/** Records in `window.__seen` when the row of execution `id` shows `status`. */
const watchStatus = (id: string, status: string) => `delete window.__seen;
new MutationObserver((_m, observer) => {
  const summary = document.querySelector('[data-testid="execution-${id}"] .execution__summary');
  if (summary && summary.textContent.includes('${status}')) {
    window.__seen = Date.now();
    observer.disconnect();
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true });`;
/** Resource timings (name, start → end), for DECK_BENCH_DEBUG. */
const resourceTimeline = `performance.getEntriesByType('resource')
  .map((e) => e.name.replace(location.origin, '') + ' ' + e.startTime.toFixed(0) + '→' + e.responseEnd.toFixed(0))
  .join('\\n')`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
try {
  // 2. First meaningful render: the first pipeline heading appears (observed from inside the page).
  const renders: number[] = [];
  const rowsShown: number[] = [];
  let page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  for (let round = 0; round < 3; round++) {
    await page.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript({ content: watchFirstRender });
    await page.goto(`${base}/#/applications/bench/executions`);
    await page.waitForFunction('window.__fer !== undefined', undefined, { timeout: 60_000 });
    renders.push(await page.evaluate<number>('window.__fmr'));
    rowsShown.push(await page.evaluate<number>('window.__fer'));
    if (process.env.DECK_BENCH_DEBUG) console.log(await page.evaluate<string>(resourceTimeline));
  }
  const domRows = await page.locator('.virtual-list__row').count();
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  await page.waitForTimeout(300);
  const lastVisible = await page.locator('.virtual-list__row h2').last().textContent();

  // 3. Status change → visible, through gate's live stream.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForFunction(`document.querySelector('[data-testid="live-mode"]')?.dataset.mode === 'live'`);
  const latencies: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const execution = byId.get(`e0-${i}`)!; // the first pipeline's rows are on screen
    await page.waitForSelector(`[data-testid="execution-${execution.id}"]`);
    await page.evaluate(watchStatus(execution.id, 'TERMINAL'));
    Object.assign(execution, { status: 'TERMINAL', endTime: Date.now() });
    executionsJson = new Map();
    const sent = Date.now();
    const event = {
      application: 'bench',
      executionId: execution.id,
      executionType: 'PIPELINE',
      type: 'orca:pipeline:complete',
      status: 'TERMINAL',
      timestamp: sent,
    };
    for (const s of streams) s.write(`event: execution\ndata: ${JSON.stringify(event)}\n\n`);
    await page.waitForFunction('window.__seen !== undefined', undefined, { timeout: 10_000 });
    latencies.push((await page.evaluate<number>('window.__seen')) - sent);
  }

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `initial JS (gzip): ${kb(initialGzip)} in ${initial.length} file(s) — target ≤ 300 KB ${initialGzip <= 300 * 1024 ? 'OK' : 'FAIL'}`,
  );
  console.log(`pipelines screen, ${PIPELINES} pipelines × ${RUNS} executions (${executions.length}):`);
  console.log(
    `  first meaningful render: ${renders.map((r) => `${r.toFixed(0)} ms`).join(', ')} (best ${Math.min(...renders).toFixed(0)} ms) — target < 1000 ms ${Math.min(...renders) < 1000 ? 'OK' : 'FAIL'}`,
  );
  console.log(
    `  executions on screen (first execution row): ${rowsShown.map((r) => `${r.toFixed(0)} ms`).join(', ')} (best ${Math.min(...rowsShown).toFixed(0)} ms)`,
  );
  console.log(
    `  rows in the DOM (virtualised): ${domRows} of ${PIPELINES + executions.length}; last heading after scrolling to the end: ${lastVisible}`,
  );
  console.log(
    `  (machine load average while measuring: ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(
    `status change → visible (SSE, ${CHANGES} changes): p50 ${pct(latencies, 0.5)} ms, max ${Math.max(...latencies)} ms — target < 1000 ms ${Math.max(...latencies) < 1000 ? 'OK' : 'FAIL'}`,
  );
} finally {
  for (const s of streams) s.end();
  await browser.close();
  server.closeAllConnections();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
