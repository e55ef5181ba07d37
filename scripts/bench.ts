/**
 * `npm run bench`: speed and size of the sandboxes, measured against the
 * production build in a real Chromium, printed as a table. Targets live here,
 * not in timed unit tests, because a loaded CI machine would make those flaky.
 *
 * Needs a build (`npm run build`, or `OUT_DIR=… astro build` and the same
 * OUT_DIR here); starts its own preview server on BENCH_PORT (default 4410).
 * `--no-lighthouse` skips Lighthouse; `--only=run-press,heap` runs just those
 * parts (see PARTS below). The parts beyond the first table live in ./bench/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type Locator,
  type Page,
  type Response as PageResponse,
} from '@playwright/test';
import { init, parse } from 'es-module-lexer';
import { transform } from 'sucrase';
import {
  chromiumArgs,
  chromiumEnv,
  launchOptions,
  resolveChromium,
  type ChromiumChoice,
} from '../e2e/support/chromium.ts';
import { RawCdp } from './bench/cdp.ts';
import { benchDemoTimings } from './bench/demo-timings.ts';
import { benchTrace } from './bench/trace.ts';
import { benchStepper } from './bench/stepper.ts';
import { benchFirstSandboxHeap } from './bench/heap.ts';
import { benchLayoutShift } from './bench/layout-shift.ts';
import { benchRunPress } from './bench/run-press.ts';
import {
  CONTEXT,
  ORIGIN,
  PORT,
  freePort,
  kb,
  median,
  printTables,
  readingPaths,
  report,
} from './bench/shared.ts';

const RUNS = 10;
const FIXTURES = '/fixtures/runtime/';

async function startServer(): Promise<ChildProcess> {
  const taken = await fetch(`${ORIGIN}/`).then(
    () => true,
    () => false,
  );
  if (taken) {
    throw new Error(`port ${PORT} is in use already; set BENCH_PORT to a free one`);
  }
  const server = spawn('astro', ['preview', '--ignore-lock', '--port', String(PORT)], {
    stdio: 'pipe',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${ORIGIN}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error('the preview server did not start; run `npm run build` first');
}

/** Gzipped bytes of every script, stylesheet and document a page loads (what a compressing host sends). */
async function transferred(
  page: Page,
  action: () => Promise<void>,
  filter: (url: string, response: PageResponse) => boolean = () => true,
): Promise<number> {
  const seen = new Map<string, number>();
  const onResponse = (response: PageResponse): void => {
    const url = response.url();
    if (!url.startsWith(ORIGIN) || !filter(url, response) || seen.has(url)) return;
    seen.set(url, 0);
    void response
      .body()
      .then((body) => seen.set(url, gzipSync(body, { level: 9 }).length))
      .catch(() => seen.delete(url));
  };
  const context = page.context();
  let inFlight = 0;
  let lastActivity = performance.now();
  const started = (): void => {
    inFlight++;
    lastActivity = performance.now();
  };
  const ended = (): void => {
    inFlight--;
    lastActivity = performance.now();
  };
  context.on('response', onResponse);
  context.on('request', started);
  context.on('requestfinished', ended);
  context.on('requestfailed', ended);
  await action();
  // Playwright's 'networkidle' never fires on a page holding a src-less
  // iframe (the sandbox's idle runtime frame), so quiet is measured here.
  while (inFlight > 0 || performance.now() - lastActivity < 500) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  context.off('response', onResponse);
  context.off('request', started);
  context.off('requestfinished', ended);
  context.off('requestfailed', ended);
  // What the total is made of, with the progress on stderr.
  for (const [url, bytes] of seen) console.error(`    ${kb(bytes)} ${url}`);
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

const isScript = (url: string): boolean => /\.(?:m?js)(?:\?|$)/.test(url);

/** The runtime page itself, not the fixture page (whose path also ends in /runtime/). */
function isRuntimeFrame(url: string): boolean {
  return url !== '' && new URL(url).pathname === '/runtime/';
}

/** The document that asked for a response (the runtime frame, for the runtime's own files). */
function frameURL(response: PageResponse): string {
  try {
    return response.frame().url();
  } catch {
    return '';
  }
}

async function firstOutputMs(page: Page, id: string, click: string): Promise<number> {
  return page.evaluate(
    ({ id, click }) =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector<HTMLElement>(`[data-sandbox="${id}"]`);
        if (!root) {
          reject(new Error(`no sandbox ${id}`));
          return;
        }
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (root.querySelector('[data-sandbox-output] .sandbox-line')) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(root, { childList: true, subtree: true });
        const button = [...root.querySelectorAll('button')].find(
          (b) => b.textContent.trim() === 'Run' && b.matches(click),
        );
        if (!button) reject(new Error(`no button ${click}`));
        button?.click();
      }),
    { id, click },
  );
}

/** Brings a sandbox into view as a reader does (scroll, pointer) and waits for its live editor. */
async function showSandbox(page: Page, root: Locator): Promise<void> {
  await root.scrollIntoViewIfNeeded();
  await page.mouse.move(1, 1);
  await root.and(page.locator('[data-live]')).waitFor();
}

async function waitIdle(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      ['done', 'error'].includes(
        document.querySelector<HTMLElement>(`[data-sandbox="${id}"]`)?.dataset.state ?? '',
      ),
    id,
  );
}

async function benchTranspile(): Promise<void> {
  await init();
  const lines = [
    'interface Job { id: number; size: number; label?: string }',
    'type Result<T> = { ok: true; value: T } | { ok: false; error: Error };',
    'enum Phase { Queued, Running, Done }',
  ];
  for (let i = 0; lines.length < 200; i++) {
    lines.push(
      `export async function task${i}(job: Job, phase: Phase = Phase.Queued): Promise<Result<number>> {`,
      `  const started: number = performance.now(); await new Promise<void>((r) => setTimeout(r, job.size ?? ${i}));`,
      `  return { ok: true, value: (performance.now() - started) as number } satisfies Result<number>;`,
      `}`,
    );
  }
  const source = lines.join('\n');
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const { code } = transform(source, { transforms: ['typescript'], disableESTransforms: true });
    parse(code);
    times.push(performance.now() - start);
  }
  report(
    'Transpile + import scan, 200-line file (Node, median of 50)',
    `${median(times.slice(5)).toFixed(2)} ms`,
    '',
    undefined,
  );
}

async function benchBrowser(browser: Browser): Promise<void> {
  // Runtime transfer: what the runtime frame and its workers load before the first output.
  {
    const page = await browser.newPage(CONTEXT);
    await page.goto(FIXTURES);
    const root = page.locator('[data-sandbox="multi-file"]');
    await showSandbox(page, root);
    const bytes = await transferred(
      page,
      async () => {
        await root.locator('.sandbox-run').click();
        await waitIdle(page, 'multi-file');
      },
      (_url, response) => isRuntimeFrame(frameURL(response)),
    );
    report(
      'Runtime transfer before first output (gzip)',
      kb(bytes),
      '<= 100 KB',
      bytes <= 100 * 1024,
    );
    await page.close();
  }

  // Cold start. The runtime frame loads while a sandbox is in view (or the
  // reader reaches for it), so a reader's first Run normally finds it warm;
  // the rows below also time the worst cases, where nothing was warmed.
  {
    const warm: number[] = [];
    const asItAppears: number[] = [];
    const warmUp: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext(CONTEXT);
      const page = await context.newPage();
      await page.goto(FIXTURES);
      full.push(await firstOutputMs(page, 'web-apis', '[data-sandbox-run]'));
      for (const [id, times, settle] of [
        ['multi-file', asItAppears, false],
        ['nested-worker', warm, true],
      ] as const) {
        await showSandbox(page, page.locator(`[data-sandbox="${id}"]`));
        if (settle) {
          const shown = performance.now();
          await page.locator(`[data-sandbox="${id}"][data-runtime="ready"]`).waitFor();
          warmUp.push(performance.now() - shown);
        }
        times.push(await firstOutputMs(page, id, '.sandbox-run'));
      }
      await context.close();
    }
    report(
      `Runtime warm-up: editor shown to runtime ready (median of ${RUNS})`,
      `${median(warmUp).toFixed(0)} ms`,
    );
    report(
      `Cold start: Run to first output, runtime warmed while in view (median of ${RUNS})`,
      `${median(warm).toFixed(0)} ms`,
      '<= 100 ms',
      median(warm) <= 100,
    );
    report(
      `Cold start: Run pressed the moment the editor appears (median of ${RUNS})`,
      `${median(asItAppears).toFixed(0)} ms`,
    );
    report(
      `Page cold start: Run on a static sandbox, editor and runtime loaded by it (median of ${RUNS})`,
      `${median(full).toFixed(0)} ms`,
    );
  }

  // Re-run after an edit.
  {
    const page = await browser.newPage(CONTEXT);
    await page.goto(FIXTURES);
    const root = page.locator('[data-sandbox="multi-file"]');
    await showSandbox(page, root);
    await root.locator('.sandbox-run').click();
    await waitIdle(page, 'multi-file');
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await root.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type(`\n// edit ${i}`);
      await page.waitForTimeout(400);
      times.push(await firstOutputMs(page, 'multi-file', '.sandbox-run'));
      await waitIdle(page, 'multi-file');
    }
    report(
      `Re-run after an edit: Run to first output (median of ${RUNS})`,
      `${median(times).toFixed(0)} ms`,
      '<= 50 ms',
      median(times) <= 50,
    );

    await page.close();
  }

  // Heap of the renderer's main thread: the docs page and its runtime frames
  // (same origin, same process, one V8 heap), after a real garbage collection
  // through the DevTools protocol. Sandbox workers run on their own threads
  // with heaps of their own and are not counted.
  {
    const page = await browser.newPage({ ...CONTEXT, viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    };
    const runtimeFrames = (): number =>
      page.frames().filter((frame) => isRuntimeFrame(frame.url())).length;
    await page.goto('/sync-vs-async/');
    await page.waitForTimeout(1000);
    const before = await heap();
    const root = page.locator('[data-sandbox]').first();
    const id = (await root.getAttribute('data-sandbox')) ?? '';
    await showSandbox(page, root);
    await page.waitForTimeout(2000);
    const editors = await page.locator('[data-sandbox][data-live]').count();
    const frames = runtimeFrames();
    const idle = await heap();
    await root.locator('.sandbox-run').click();
    await waitIdle(page, id);
    await page.waitForTimeout(1000);
    const afterRun = await heap();
    const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    report(
      `JS heap (page + runtime frames, after forced GC) before any sandbox is live`,
      mb(before),
    );
    report(
      `JS heap added by live sandboxes, idle (${String(editors)} editor, ${String(frames)} runtime frame)`,
      mb(idle - before),
      '<= 8 MB',
      idle - before <= 8 * 1024 * 1024,
    );
    report(`... after one run (output kept on screen)`, mb(afterRun - before));
    // Each further sandbox shares the editor's code; what it adds is its own state and runtime frame.
    const next = page.locator('[data-sandbox]').nth(1);
    await showSandbox(page, next);
    await next.and(page.locator('[data-runtime="ready"]')).waitFor();
    await page.waitForTimeout(1000);
    const liveNow = await page.locator('[data-sandbox][data-live]').count();
    const framesNow = runtimeFrames();
    const further = await heap();
    const added = (further - afterRun) / Math.max(1, liveNow - editors);
    report(
      `JS heap added by each further idle sandbox (${String(liveNow - editors)} more editor, ${String(framesNow - frames)} more runtime frame)`,
      mb(added),
      '<= 4 MB',
      added <= 4 * 1024 * 1024,
    );
    await page.close();
  }

  // Page weight: a chapter with sandboxes before any is activated, against the landing page.
  // Both pages load the search UI in an idle callback: waiting for one of our
  // own (queued after it) counts it on both, however busy the machine is.
  {
    const idle = (page: Page): Promise<void> =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            requestIdleCallback(
              () => {
                resolve();
              },
              { timeout: 5000 },
            );
          }),
      );
    const page = await browser.newPage({ ...CONTEXT, viewport: { width: 1280, height: 800 } });
    const landing = await transferred(
      page,
      async () => {
        await page.goto('/');
        await idle(page);
      },
      isScript,
    );
    await page.close();
    const chapter = await browser.newPage({
      ...CONTEXT,
      viewport: { width: 1280, height: 800 },
    });
    const beforeActivation = await transferred(
      chapter,
      async () => {
        await chapter.goto('/sync-vs-async/');
        await idle(chapter);
      },
      isScript,
    );
    const hasSandbox = (await chapter.locator('[data-sandbox]').count()) > 0;
    const ratio = beforeActivation / Math.max(1, landing);
    report('JS of the landing page (gzip)', kb(landing));
    report(
      'JS of /sync-vs-async/ before any sandbox is activated (gzip)',
      `${kb(beforeActivation)} (${ratio.toFixed(2)} x landing)`,
      '<= 1.25 x landing',
      hasSandbox ? ratio <= 1.25 : undefined,
    );
    if (hasSandbox) {
      const afterOne = await transferred(
        chapter,
        async () => {
          await showSandbox(chapter, chapter.locator('[data-sandbox]').first());
        },
        isScript,
      );
      report('... plus JS loaded by activating one sandbox (gzip)', kb(afterOne));
    }
    await chapter.close();
  }
}

/** Lighthouse (mobile preset, the default) on every reading page, offline against the build. */
async function benchLighthouse({ executablePath, source }: ChromiumChoice): Promise<void> {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  // The build's own pages: a build without SITE has no sitemap.
  const paths = readingPaths();
  const env = chromiumEnv(executablePath);
  const chrome = await launch({
    ...(executablePath ? { chromePath: executablePath } : {}),
    // The packaged browser is a headless shell: it has no "new" headless mode.
    chromeFlags: chromiumArgs([source === 'packaged' ? '--headless' : '--headless=new']),
    ...(env ? { envVars: env } : {}),
  });
  try {
    for (const path of paths) {
      const result = await lighthouse(`${ORIGIN}${path}`, {
        port: chrome.port,
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const categories = result?.lhr.categories ?? {};
      const scores = Object.values(categories).map((c) => Math.round((c.score ?? 0) * 100));
      report(
        `Lighthouse ${path} (perf / a11y / best practices / SEO)`,
        scores.join(' / '),
        '100 each',
        scores.every((n) => n === 100),
      );
    }
  } finally {
    chrome.kill();
  }
}

/** `--only=a,b` runs just those parts (names below); `--no-lighthouse`, `--lighthouse-only` as before. */
const PARTS = [
  'transpile',
  'runtime',
  'run-press',
  'layout-shift',
  'heap',
  'demo-timings',
  'trace',
  'stepper',
  'lighthouse',
] as const;
type Part = (typeof PARTS)[number];
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = only?.filter((name) => !(PARTS as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
const runs = (part: Part): boolean => {
  if (only) return only.includes(part);
  if (process.argv.includes('--lighthouse-only')) return part === 'lighthouse';
  return part !== 'lighthouse' || !process.argv.includes('--no-lighthouse');
};

const started = performance.now();
const server = await startServer();
const choice = await resolveChromium();
console.error(`bench browser: ${choice.source} (${choice.executablePath ?? 'Playwright'})`);
// A DevTools port beside Playwright's pipe, for the parts that reach frames and workers.
const cdpPort = await freePort();
const browser = await chromium.launch(
  launchOptions(choice, ['--enable-precise-memory-info', `--remote-debugging-port=${cdpPort}`]),
);
console.error(`browser ${browser.version()}`);
const cdp = await RawCdp.connect(cdpPort);
try {
  if (runs('transpile')) await benchTranspile();
  if (runs('runtime')) await benchBrowser(browser);
  if (runs('run-press')) await benchRunPress(browser, cdp);
  if (runs('layout-shift')) await benchLayoutShift(browser);
  if (runs('heap')) await benchFirstSandboxHeap(browser, cdp);
  if (runs('demo-timings')) await benchDemoTimings(browser);
  if (runs('trace')) await benchTrace(browser);
  if (runs('stepper')) await benchStepper(browser);
  cdp.close();
  await browser.close();
  if (runs('lighthouse')) await benchLighthouse(choice);
} finally {
  cdp.close();
  await browser.close();
  server.kill();
}
printTables();
console.log(`\nBench took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
