/**
 * Embeds for courses: a page per sandbox at /embed/<page>/<id>/, used inside a
 * sandboxed iframe of another site (a fake learning platform served by
 * page.route), light and dark, phone-sized, with storage refused.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { findInstalledChromium, launchOptions } from './support/chromium';
import {
  appendLine,
  FINISHED,
  liveCode,
  shareMenuItem,
  transcript,
  waitForEditor,
} from './support/sandbox';

const EMBED = 'embed/fixtures/runtime/multi-file/';
/** A learning platform is served over HTTPS; an http:// parent would make the embed an insecure context. */
const HOST = 'https://course.example/lesson/';
const EXPECTED = readFileSync('demos/fixtures/multi-file/expected.txt', 'utf8').trimEnd();

function hostPage(src: string, sandbox: string): string {
  return `<!doctype html><html lang="en"><head><title>Lesson 3</title></head><body>
<h1>Lesson 3: modules</h1>
<iframe src="${src}" title="Sandbox" width="100%" height="900" style="border:0"
  sandbox="${sandbox}"></iframe>
</body></html>`;
}

async function serveHost(page: Page, html: string) {
  await page.route(`${HOST}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }),
  );
}

/*
 * In production the course platform and this site are both public. Here the
 * site is on localhost, which Chromium's Local Network Access checks forbid a
 * public page (the routed http://course.example/) to frame; this file's
 * browser turns those checks off so the test sees what production sees.
 */
const chromium = findInstalledChromium();
if (!chromium) throw new Error('playwright.config.ts resolves the browser before specs load');
test.use({
  launchOptions: launchOptions(chromium, ['--disable-features=LocalNetworkAccessChecks']),
});

test.describe('inside a course platform', () => {
  test('a course page embeds a sandbox in a sandboxed iframe and runs it to done', async ({
    page,
    siteURL,
  }) => {
    await serveHost(
      page,
      hostPage(`${siteURL}${EMBED}`, 'allow-scripts allow-same-origin allow-popups'),
    );
    await page.goto(HOST);
    const frame = page.frameLocator('iframe');
    const root = frame.locator('[data-sandbox="multi-file"]');
    await waitForEditor(root);
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
      'Relative imports, top-level await, import.meta.url',
    );
    const back = frame.getByRole('link', { name: /Read the full section/ });
    await expect(back).toHaveAttribute(
      'href',
      `${new URL(siteURL).pathname}fixtures/runtime/#multi-file`,
    );
    await expect(back).toHaveAttribute('target', '_blank');
    await expect(back).toHaveAttribute('rel', 'noopener');
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', new RegExp(`^(${FINISHED.join('|')})$`), {
      timeout: 20_000,
    });
    await expect(root).toHaveAttribute('data-state', 'done');
    expect(await transcript(root)).toBe(EXPECTED);
  });

  test('the embed works when storage throws (third-party storage blocked)', async ({
    page,
    siteURL,
  }) => {
    await page.context().addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    await serveHost(page, hostPage(`${siteURL}${EMBED}`, 'allow-scripts allow-same-origin'));
    await page.goto(HOST);
    const root = page.frameLocator('iframe').locator('[data-sandbox="multi-file"]');
    await waitForEditor(root);
    await appendLine(root, "console.log('typed in the embed');");
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    expect(await transcript(root)).toContain('typed in the embed');
  });

  test('an exercise works inside a course page: hints, the solution, Solved', async ({
    page,
    siteURL,
  }) => {
    await serveHost(
      page,
      hostPage(
        `${siteURL}embed/fixtures/runtime/exercise/`,
        'allow-scripts allow-same-origin allow-popups',
      ),
    );
    await page.goto(HOST);
    const root = page.frameLocator('iframe').locator('[data-sandbox="exercise"]');
    await waitForEditor(root);
    await root.locator('[data-sandbox-hint="1"] > summary').click();
    await expect(root.locator('[data-sandbox-hint="1"] > p')).toBeVisible();
    await root.locator('[data-sandbox-solution] > summary').click();
    await root.getByRole('button', { name: 'Put the solution in the editor' }).click();
    await expect(liveCode(root)).toContainText('for (const word of words) console');
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(root.locator('[data-sandbox-solved]')).toBeVisible();
  });

  test('a page of another site cannot be cross-origin isolated: normal sandboxes run, shared memory says why', async ({
    page,
    siteURL,
  }) => {
    const embed = (id: string): string => `${siteURL}embed/fixtures/runtime/${id}/`;
    await serveHost(
      page,
      `<!doctype html><html lang="en"><head><title>Lesson 4</title></head><body>
<iframe src="${embed('worker-pool')}" title="Workers" width="100%" height="900"
  sandbox="allow-scripts allow-same-origin allow-popups"></iframe>
<iframe src="${embed('shared-memory')}" title="Shared memory" width="100%" height="900"
  sandbox="allow-scripts allow-same-origin allow-popups"></iframe>
</body></html>`,
    );
    await page.goto(HOST);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

    const workers = page.frameLocator('iframe[title="Workers"]').locator('[data-sandbox]');
    await waitForEditor(workers);
    await workers.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(workers).toHaveAttribute('data-state', 'done', { timeout: 20_000 });

    // Below the first frame: the reader scrolls to it (the browser does not draw frames out of view).
    await page.locator('iframe[title="Shared memory"]').scrollIntoViewIfNeeded();
    const shared = page.frameLocator('iframe[title="Shared memory"]').locator('[data-sandbox]');
    await waitForEditor(shared);
    await shared.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(shared).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
    const lines = (await transcript(shared)).split('\n');
    expect(lines[0]).toBe('main: crossOriginIsolated false');
    // One sentence: why, and the section on the site where it runs.
    expect(lines[1]).toBe(
      "Uncaught ReferenceError: SharedArrayBuffer is not available here: this sandbox is embedded in another site's page, " +
        "which cannot be cross-origin isolated; open it on the guide's own site to run it: " +
        `${siteURL}fixtures/runtime/#shared-memory`,
    );
    expect(lines[2]).toMatch(/^ {4}at \/index\.ts:3:\d+$/);
  });
});

test('the Embed button shows an iframe snippet for the embed page', async ({
  page,
  request,
  siteURL,
}) => {
  await page.goto('fixtures/runtime/#multi-file');
  const root = page.locator('[data-sandbox="multi-file"]');
  await waitForEditor(root);
  await shareMenuItem(root, 'Embed in a course page');
  const panel = root.getByRole('dialog', { name: 'Embed code for a course page' });
  await expect(panel).toHaveAttribute('data-sandbox-panel', 'embed');
  const snippet = await panel
    .getByRole('textbox', { name: 'Embed code for a course page' })
    .inputValue();
  const src = /<iframe src="([^"]+)"/.exec(snippet)?.[1] ?? '';
  expect(src).toBe(`${siteURL}${EMBED}`);
  expect(snippet).toContain('sandbox="allow-scripts allow-same-origin');
  expect(snippet).toContain('title="Relative imports, top-level await, import.meta.url"');
  expect((await request.get(src)).ok()).toBe(true);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the embed page follows the ${colorScheme} system theme, has no site chrome and passes axe`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(EMBED);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await waitForEditor(page.locator('[data-sandbox]'));
    await expect(page.locator('.sidebar, header.header, starlight-theme-select')).toHaveCount(0);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(23, 24, 28)');
    // Sandpack's own editor is checked by the site-wide accessibility suite.
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test.describe('in a 360 px wide frame', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('nothing overflows sideways', async ({ page }) => {
    await page.goto(EMBED);
    await waitForEditor(page.locator('[data-sandbox]'));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
