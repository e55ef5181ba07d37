/**
 * The guide offline after one visit, and updates that never mix two deploys.
 * The site is served by a static host without headers (GitHub Pages); going
 * offline means stopping that host, since a service worker's own fetches do
 * not see Playwright's `setOffline`.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { buildServiceWorker, precacheManifest } from '../src/sw/build';
import { expect, pagePaths, test } from './fixtures';
import { runSandbox } from './support/sandbox';
import {
  cachedURLs,
  countDocuments,
  isIsolated,
  openIsolated,
  serviceWorkerInControl,
  StaticServer,
} from './support/static-server';

const BUILD = process.env.OUT_DIR ?? './dist';
const CHAPTER = 'sync-vs-async/';
const DEMO = 'result-order';

test.use({ serviceWorkers: 'allow' });

let server: StaticServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function search(page: Page, word: string): Promise<void> {
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill(word);
  await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible();
  await page.keyboard.press('Escape');
}

test('after one visit, every chapter, search and a sandbox work with the host gone', async ({
  page,
  request,
}) => {
  server = await StaticServer.start({ root: BUILD, headers: false });
  const chapters = await pagePaths(request, server.url);
  expect(chapters).toContain(CHAPTER);

  const { ms } = await openIsolated(page, `${server.url}${CHAPTER}`);
  test.info().annotations.push({ type: 'first install', description: `${ms} ms` });
  const { entries } = await precacheManifest(BUILD);
  const cached = await cachedURLs(page);
  expect(cached.length, 'every manifest entry is cached').toBe(entries.length);

  await server.stop();
  expect(
    await page.request.get(server.url).catch(() => undefined),
    'the host is gone',
  ).toBeUndefined();

  for (const chapter of chapters) {
    const response = await page.goto(`${server.url}${chapter}`);
    expect(response?.status(), chapter).toBe(200);
    expect(response?.fromServiceWorker(), chapter).toBe(true);
    await expect(page.getByRole('heading', { level: 1 }), chapter).toBeVisible();
    expect(await isIsolated(page), chapter).toBe(true);
  }
  // Query strings (test hooks, trackers) reach the same precached page.
  await page.goto(`${server.url}${CHAPTER}?test-hooks`);
  await search(page, 'parallelism');
  const { state, transcript } = await runSandbox(page, DEMO);
  expect(state).toBe('done');
  expect(transcript).toContain("'doc 4 processed.'");
});

test('with precaching switched off, the worker isolates but a chapter does not open offline', async ({
  page,
}) => {
  // The same build with the worker SW_PRECACHE=off makes: only sw.js differs.
  const variant = `${BUILD}-sw-precache-off`;
  rmSync(variant, { recursive: true, force: true });
  cpSync(BUILD, variant, { recursive: true });
  await buildServiceWorker(variant, false);

  server = await StaticServer.start({ root: variant, headers: false });
  await openIsolated(page, `${server.url}${CHAPTER}`);
  expect(await cachedURLs(page)).toEqual([]);
  await server.stop();
  await expect(page.goto(`${server.url}event-loop/`)).rejects.toThrow(/net::ERR_/);
});

/*
 * Deploy B is a real second build; BUILD_ID gives each of its script chunks a
 * name of its own, as a change of source would.
 */
test.describe('a second deploy', () => {
  const deployB = `${BUILD}-sw-deploy-b`;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    await promisify(execFile)('astro', ['build'], {
      env: { ...process.env, OUT_DIR: deployB, BUILD_ID: 'deploy-b' },
      maxBuffer: 64 * 1024 * 1024,
    });
  });

  test('an open page keeps its own chunks, offers the update, and Reload brings all of B', async ({
    page,
  }) => {
    const chunks = (dist: string) => new Set(readdirSync(join(dist, '_astro')));
    const chunksA = chunks(BUILD);
    const chunksB = chunks(deployB);

    server = await StaticServer.start({ root: BUILD, headers: false });
    await openIsolated(page, `${server.url}${CHAPTER}`);
    server.root = deployB;

    // The reader runs a sandbox: the editor's lazy chunks exist only in A's precache now.
    const editorChunks: { name: string; fromServiceWorker: boolean; status: number }[] = [];
    page.on('response', (response) => {
      const name = new URL(response.url()).pathname.split('/').pop() ?? '';
      if (response.url().includes('/_astro/') && name.startsWith('mount.')) {
        editorChunks.push({
          name,
          fromServiceWorker: response.fromServiceWorker(),
          status: response.status(),
        });
      }
    });
    const { state } = await runSandbox(page, DEMO);
    expect(state).toBe('done');
    expect(editorChunks.length, 'the editor chunk was loaded').toBeGreaterThan(0);
    for (const { name, fromServiceWorker, status } of editorChunks) {
      expect(existsSync(join(deployB, '_astro', name)), `${name} is gone from the host`).toBe(
        false,
      );
      expect({ fromServiceWorker, status }, name).toEqual({ fromServiceWorker: true, status: 200 });
    }

    // The browser looks for a new worker on navigations and now and then; here, at once.
    const documents = countDocuments(page);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const notice = page.getByRole('status').filter({ hasText: 'A new version of this guide' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    const axe = await new AxeBuilder({ page }).include('.sw-update').analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(documents(), 'the page stays until the reader chooses').toBe(0);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(documents, { message: 'the page reloads once' }).toBe(1);
    await page.waitForLoadState('load');
    await serviceWorkerInControl(page);
    expect(await isIsolated(page)).toBe(true);

    // HTML from B: its scripts are B's; every script loaded, lazy ones included, is B's.
    const htmlB = readFileSync(join(deployB, CHAPTER, 'index.html'), 'utf8');
    const pageScripts = await page.evaluate(() =>
      [...document.querySelectorAll('script[src]')].map((script) => script.getAttribute('src')),
    );
    expect(pageScripts.length).toBeGreaterThan(0);
    for (const src of pageScripts) expect(htmlB, `${src} is in B's HTML`).toContain(`"${src}"`);
    await expect(page.getByRole('status').filter({ hasText: 'A new version' })).toHaveCount(0);
    expect((await runSandbox(page, DEMO)).state).toBe('done');
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.includes('/_astro/') && path.endsWith('.js')),
    );
    expect(loaded.some((path) => path.split('/').pop()?.startsWith('mount.'))).toBe(true);
    for (const path of loaded) {
      const name = path.split('/').pop() ?? '';
      expect(chunksB.has(name), `${name} is B's`).toBe(true);
    }
    // A's precache went with A's worker.
    const cached = (await cachedURLs(page)).map((url) => new URL(url).pathname.split('/').pop());
    expect(cached.filter((name) => name && chunksA.has(name) && !chunksB.has(name))).toEqual([]);
  });
});
