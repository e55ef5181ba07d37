/**
 * Cross-origin isolation on a host that sends no headers (GitHub Pages): the
 * base-path build, served without headers, becomes isolated through its
 * service worker after at most one automatic reload, and never reloads in a
 * loop where that cannot work. A host with headers is isolated from the first
 * byte and never reloads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeShare } from '../src/components/sandbox/client/share';
import { expect, test } from './fixtures';
import { liveCode, openSandbox, runSandbox } from './support/sandbox';
import {
  countDocuments,
  isIsolated,
  openIsolated,
  serviceWorkerInControl,
  StaticServer,
} from './support/static-server';

/** The base-path build `playwright.config.ts` makes for its second server, like a GitHub project site. */
const BUILD = `${process.env.OUT_DIR ?? './dist'}-base`;
const BASE_PATH = '/concurrency/';
const CHAPTER = 'sync-vs-async/';
const DEMO = 'result-order';

let server: StaticServer;

test.beforeAll(() => {
  expect(existsSync(join(BUILD, 'sw.js')), `${BUILD} is a build with a service worker`).toBe(true);
});

test.afterEach(async () => {
  await server.stop();
});

/**
 * A few seconds of reading: a sandbox runs to done, and the page has loaded
 * `expected` documents, no more (a reload for isolation comes at once when it
 * comes: as soon as the worker is ready).
 */
async function staysUsable(page: Page, documents: () => number, expected: number): Promise<void> {
  const { state, transcript } = await runSandbox(page, DEMO);
  expect(state).toBe('done');
  expect(transcript).toContain("'doc 4 processed.'");
  expect(documents(), 'documents loaded').toBe(expected);
}

test.describe('without headers, with service workers', () => {
  test.use({ serviceWorkers: 'allow' });

  test.beforeEach(async () => {
    server = await StaticServer.start({ root: BUILD, base: BASE_PATH, headers: false });
  });

  test('a chapter is isolated after one reload, the next visit at once; search works there', async ({
    page,
  }) => {
    const response = await page.request.get(`${server.url}${CHAPTER}`);
    expect(response.headers()['cross-origin-embedder-policy'], 'served without headers').toBe(
      undefined,
    );
    expect(
      (await openIsolated(page, `${server.url}${CHAPTER}`)).documents,
      'documents: first + one reload',
    ).toBe(2);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync vs async');

    // A later visit is served by the worker, isolated from its first byte.
    expect((await openIsolated(page, `${server.url}event-loop/`)).documents, 'no reload').toBe(1);
    const fresh = await page.context().newPage();
    expect(
      (await openIsolated(fresh, `${server.url}${CHAPTER}`)).documents,
      'no reload in a new tab',
    ).toBe(1);

    // COEP require-corp would block any cross-origin part of search; all of it is the site's own.
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Search' }).fill('parallelism');
    await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible();
  });

  test('the threads page runs its shared-memory race after the one reload', async ({ page }) => {
    expect((await openIsolated(page, `${server.url}threads-and-races/`)).documents).toBe(2);
    const { state, transcript } = await runSandbox(page, 'shared-counter', { timeout: 60_000 });
    expect(state).toBe('done');
    expect(transcript).toMatch(/^without Atomics: \d+ of 20000000, updates lost: true$/m);
    expect(transcript).toContain('with Atomics.add: 20000000 of 20000000');
  });

  test('a share link keeps its fragment through the reload', async ({ page }) => {
    const payload = encodeShare({ '/index.ts': "console.log('from a shared link');\n" });
    const hash = `#${DEMO}:share=${payload}`;
    expect((await openIsolated(page, `${server.url}${CHAPTER}${hash}`)).documents).toBe(2);
    expect(new URL(page.url()).hash).toBe(hash);
    const shared = await openSandbox(page, DEMO);
    await expect(shared.locator('[data-sandbox-shared]')).toBeVisible();
    await expect(liveCode(shared)).toContainText('from a shared link');
  });

  test('a browser that still is not isolated after the reload reloads no more', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'crossOriginIsolated', { get: () => false });
    });
    const documents = countDocuments(page);
    await page.goto(`${server.url}${CHAPTER}`);
    await expect.poll(documents, { message: 'first + one reload' }).toBe(2);
    await serviceWorkerInControl(page);
    await staysUsable(page, documents, 2);
  });

  test('without sessionStorage the page never reloads, and the next visit is isolated', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const documents = countDocuments(page);
    await page.goto(`${server.url}${CHAPTER}`);
    await serviceWorkerInControl(page);
    await staysUsable(page, documents, 1);
    expect(await isIsolated(page)).toBe(false);
    expect((await openIsolated(page, `${server.url}event-loop/`)).documents).toBe(1);
  });
});

test.describe('without headers, service workers blocked', () => {
  test('the page does not reload and its sandboxes run', async ({ page }) => {
    server = await StaticServer.start({ root: BUILD, base: BASE_PATH, headers: false });
    const documents = countDocuments(page);
    await page.goto(`${server.url}${CHAPTER}`);
    await staysUsable(page, documents, 1);
    expect(await isIsolated(page)).toBe(false);
  });
});

test.describe('with headers', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a chapter is isolated from the first load and never reloads', async ({ page }) => {
    server = await StaticServer.start({ root: BUILD, base: BASE_PATH, headers: true });
    const documents = countDocuments(page);
    await page.goto(`${server.url}${CHAPTER}`);
    expect(await isIsolated(page), 'isolated by the response headers').toBe(true);
    await serviceWorkerInControl(page);
    await staysUsable(page, documents, 1);
  });
});
