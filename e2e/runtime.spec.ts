/**
 * The sandbox runtime, through the fixtures page: isolation from the docs
 * site, runaway code, clean re-runs, errors in the editor, huge output, and
 * no request leaving the site's origin. (What each fixture prints is checked
 * for every sandbox by sandboxes.spec.ts.)
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  openSandbox,
  runSandbox,
  sandbox,
  transcript,
  waitForEditor,
  waitForState,
} from './support/sandbox';

const FIXTURES = 'fixtures/runtime/';

test('sandbox code cannot reach the docs page, its storage, cookies, channels or navigation', async ({
  page,
  context,
  siteURL,
}) => {
  await page.goto(FIXTURES);
  await page.evaluate(async () => {
    // The docs origin talks on the channel the sandbox listens to, and notes what it hears.
    const channel = new BroadcastChannel('docs');
    const heard: unknown[] = [];
    channel.onmessage = (event) => heard.push(event.data);
    setInterval(() => {
      channel.postMessage('docs page speaking');
    }, 20);
    Object.assign(window, { heardOnDocsChannel: heard });
    localStorage.setItem('secret', 'docs-local');
    sessionStorage.setItem('secret', 'docs-session');
    document.cookie = 'secret=docs-cookie; path=/';
    document.body.dataset.sentinel = 'untouched';
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('docs', 1);
      request.onupgradeneeded = () =>
        request.result.createObjectStore('kv').put('docs-idb', 'secret');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => {
        reject(request.error ?? new Error('indexedDB failed'));
      };
    });
  });
  const { transcript: output } = await runSandbox(page, 'isolation');
  for (const line of output.split('\n')) {
    expect(line, 'every probe failed').toMatch(/: (unavailable|blocked \(\w+\)|null)$/);
  }
  expect(output).toContain('indexedDB: blocked (SecurityError)');
  expect(output).toContain('BroadcastChannel to the docs origin: unavailable');
  expect(output).toContain('origin: null');

  // Nothing of the docs page changed.
  expect(page.url()).toBe(`${siteURL}${FIXTURES}`);
  const state = await page.evaluate(async () => ({
    heard: (window as unknown as { heardOnDocsChannel: unknown[] }).heardOnDocsChannel,
    local: localStorage.getItem('secret'),
    session: sessionStorage.getItem('secret'),
    sentinel: document.body.dataset.sentinel,
    idb: await new Promise((resolve) => {
      const request = indexedDB.open('docs', 1);
      request.onsuccess = () => {
        const get = request.result.transaction('kv').objectStore('kv').get('secret');
        get.onsuccess = () => {
          resolve(get.result);
        };
      };
    }),
  }));
  expect(state).toEqual({
    heard: [],
    local: 'docs-local',
    session: 'docs-session',
    sentinel: 'untouched',
    idb: 'docs-idb',
  });
  expect((await context.cookies()).find((c) => c.name === 'secret')?.value).toBe('docs-cookie');
});

test('on the isolated site every sandbox context is cross-origin isolated and threads share memory', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  expect(await page.evaluate(() => crossOriginIsolated), 'the docs page is isolated').toBe(true);
  const { state, transcript: output } = await runSandbox(page, 'shared-memory');
  expect(state).toBe('done');
  for (const context of ['main', 'worker', 'inner worker']) {
    expect(output).toMatch(new RegExp(`^${context}: crossOriginIsolated true\\b`, 'm'));
  }
  // Written by the inner worker, read by main through the worker in between.
  expect(output).toContain('main sees 1000');
  // The main program blocks as little as a browser's main thread; a worker may.
  expect(output).toContain('main: Atomics.wait threw TypeError');
  expect(output).toContain('worker: Atomics.wait timed-out, blocked at least 50 ms: true');
});

test('an infinite loop leaves the page responsive, stops within a second, and can run again', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const loop = await openSandbox(page, 'infinite-loop');
  await loop.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(loop, ['running'], 15_000);
  await expect(loop.getByRole('log')).toHaveText('spinning forever');

  // The docs page keeps working while the loop spins: timers are on time, it scrolls, others run.
  const lateness = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        setTimeout(() => {
          resolve(performance.now() - start - 50);
        }, 50);
      }),
  );
  expect(lateness, 'a 50 ms timer on the docs page fires on time').toBeLessThan(250);
  const before = await page.evaluate(() => scrollY);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => page.evaluate(() => scrollY)).not.toBe(before);
  const other = await runSandbox(page, 'multi-file');
  expect(other.state).toBe('done');
  await expect(loop).toHaveAttribute('data-state', 'running');

  // Measured inside the page, from the click to the state change, so a busy
  // test machine does not count against the runtime.
  await loop.scrollIntoViewIfNeeded();
  const stopMs = await loop.evaluate(
    (root) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (root.getAttribute('data-state') === 'stopped') {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(root, { attributes: true, attributeFilter: ['data-state'] });
        [...root.querySelectorAll('button')].find((b) => b.textContent === 'Stop')?.click();
      }),
  );
  expect(stopMs, 'stopping takes effect within one second').toBeLessThan(1000);

  await loop.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(loop, ['running'], 15_000);
  await expect(loop.getByRole('log')).toHaveText('spinning forever');
  await loop.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForState(loop, ['stopped'], 5_000);
});

/**
 * Chromium gives a terminated worker that is busy running script two seconds
 * (`kForcibleTerminationDelay`) before it ends it by force, measured here at
 * 2.0 to 2.1 s for a plain page's worker and for a removed frame's; a busy
 * worker's own busy worker goes when its parent has gone, one grace later.
 * What the reader sees ends at once (state, output, messages).
 */
const FORCIBLE_TERMINATION_MS = 2000;
const NESTING_LEVELS = 2;

test("Stop ends the run at once and every thread of it, workers of workers included, within the browser's grace", async ({
  page,
}) => {
  // Alone on its embed page, so the only other thread is the runtime's spare context.
  const closedAt = new Map<Worker, number>();
  const live = new Set<Worker>();
  page.on('worker', (worker) => {
    live.add(worker);
    worker.on('close', () => {
      live.delete(worker);
      closedAt.set(worker, Date.now());
    });
  });
  await page.goto('embed/fixtures/runtime/spinning-threads/');
  const root = sandbox(page, 'spinning-threads');
  await waitForEditor(root);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  const spinning = 'spinning: spinner 1 and its worker, spinner 2 and its worker';
  await expect(root.getByRole('log')).toHaveText(spinning, { timeout: 15_000 });
  const running = [...live];
  expect(running.length, 'main, two workers and their two workers').toBeGreaterThanOrEqual(5);

  const stoppedAt = Date.now();
  await root.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForState(root, ['stopped'], 1_000);
  // Left: the one spare context the runtime keeps ready for the next run.
  await expect.poll(() => live.size, { timeout: 10_000 }).toBe(1);
  const ended = running.filter((worker) => closedAt.has(worker));
  expect(ended.length, 'main, two workers and their two workers ended').toBeGreaterThanOrEqual(5);
  const slowest = Math.max(...ended.map((worker) => (closedAt.get(worker) ?? 0) - stoppedAt));
  expect(
    slowest,
    'every thread ended within its grace, with room for a loaded machine',
  ).toBeLessThan(NESTING_LEVELS * FORCIBLE_TERMINATION_MS + 1500);
  await expect(root.getByRole('log')).toHaveText(spinning);
});

test('stopping or re-running leaves no timers, workers or late output behind', async ({ page }) => {
  await page.goto(FIXTURES);
  const { state, transcript: first } = await runSandbox(page, 'ticking', { stopAfter: 600 });
  expect(state).toBe('stopped');
  expect(first).toContain('worker tick 1');
  const root = sandbox(page, 'ticking');
  await page.waitForTimeout(800);
  expect(await transcript(root), 'no output after Stop').toBe(first);

  // A re-run starts from scratch: the old run's timers do not print into it.
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['running'], 15_000);
  await page.waitForTimeout(350);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(450);
  const rerun = await transcript(root);
  await root.getByRole('button', { name: 'Stop', exact: true }).click();
  const mainTicks = rerun.split('\n').filter((line) => line.startsWith('main tick'));
  expect(mainTicks.length).toBeGreaterThan(0);
  expect(mainTicks, 'one run only: its ticks count up from 1 without repeats').toEqual(
    mainTicks.map((_, i) => `main tick ${i + 1}`),
  );
});

test('a syntax error names file, line and column and highlights the line in the editor', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const { state, transcript: output } = await runSandbox(page, 'syntax-error');
  expect(state).toBe('error');
  expect(output).toContain('at /index.ts:2:16');
  const root = sandbox(page, 'syntax-error');
  const errorLine = root.locator('.cm-errorLine');
  await expect(errorLine).toHaveCount(1);
  await expect(errorLine).toContainText('const broken = ;');
});

test('runtime errors show stacks with sandbox files and TypeScript lines, and highlight the line', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const { transcript: output } = await runSandbox(page, 'runtime-error');
  expect(output).not.toMatch(/blob:|data:/);
  expect(output).toContain('at parseAge (/parse.ts:8:11)');
  // The throwing line is marked in the file that threw, when that file is the one shown.
  const root = sandbox(page, 'runtime-error');
  await expect(root.locator('.cm-errorLine')).toHaveCount(0);
  await root.getByRole('tab', { name: 'parse.ts' }).click();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['error'], 20_000);
  await expect(root.locator('.cm-errorLine')).toHaveCount(1);
  await expect(root.locator('.cm-errorLine')).toContainText('throw new RangeError');
  const worker = await runSandbox(page, 'worker-error');
  expect(worker.transcript).not.toMatch(/blob:|data:/);
  expect(worker.transcript).toContain('at check (/worker.ts:2:20)');
  // Worker output carries its origin, shown as a badge.
  await expect(
    sandbox(page, 'worker-error').locator('[data-source^="worker 1"]').first(),
  ).toBeVisible();
});

test('100 000 lines of output keep the page responsive and report what was dropped', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'huge-output');
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  let worst = 0;
  while ((await root.getAttribute('data-state')) !== 'done') {
    const late = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          requestAnimationFrame(() => {
            resolve(performance.now() - start);
          });
        }),
    );
    worst = Math.max(worst, late);
  }
  expect(worst, 'no frame of the docs page waits more than half a second').toBeLessThan(500);
  const output = await transcript(root);
  const lines = output.split('\n');
  expect(lines.length).toBe(3001);
  expect(lines[2000]).toBe('… 97,000 more lines not shown …');
  expect(lines.at(-1)).toBe('line 100000');
});

test('running every kind of sandbox makes no request outside the site', async ({
  page,
  siteURL,
}) => {
  const origin = new URL(siteURL).origin;
  const outside: string[] = [];
  page.context().on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      outside.push(url);
  });
  await page.goto(FIXTURES);
  for (const id of [
    'multi-file',
    'worker-pool',
    'nested-worker',
    'console-formatting',
    'isolation',
  ]) {
    const { state } = await runSandbox(page, id);
    expect(state, id).toBe('done');
  }
  expect(outside).toEqual([]);
});
