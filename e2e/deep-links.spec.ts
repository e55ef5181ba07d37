/**
 * Links into the guide: Copy link on every sandbox, anchor links on every
 * heading, edits that survive a reload, and what link previews and search
 * engines see (titles, descriptions, Open Graph tags; the URLs that need the
 * build's SITE are in meta.spec.ts).
 */
import type { Page } from '@playwright/test';
import { expect, pagePaths, test } from './fixtures';
import {
  appendLine,
  liveCode,
  openSandbox,
  sandbox,
  shareMenuItem,
  transcript,
  waitForEditor,
  waitForState,
} from './support/sandbox';

const PAGE = 'fixtures/runtime/';
const ID = 'multi-file';
const ORIGINAL_LINE = "import { greet, VERSION } from './lib';";
const ADDED = "console.log('kept across reloads');";

const storedKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('sandbox-edits:')));

test.describe('Copy link', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies page/#id, says so, and the link opens that sandbox', async ({ page, siteURL }) => {
    await page.goto(PAGE);
    const root = await openSandbox(page, ID);
    await shareMenuItem(root, 'Copy link');
    await expect(root.locator('[data-sandbox-feedback]')).toHaveText('Link copied');
    await expect(root.getByRole('menu'), 'the menu closes').toBeHidden();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${siteURL}${PAGE}#${ID}`);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(sandbox(page, ID)).toBeInViewport();
    await waitForEditor(sandbox(page, ID));
  });
});

test('without clipboard access, Copy link shows the link in a field instead', async ({
  page,
  siteURL,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
  });
  await page.goto(PAGE);
  const root = await openSandbox(page, ID);
  await shareMenuItem(root, 'Copy link');
  const field = root.getByRole('textbox', { name: 'Link to this sandbox' });
  await expect(field).toHaveValue(`${siteURL}${PAGE}#${ID}`);
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
});

test('every heading of a chapter has an anchor link to itself', async ({ page }) => {
  await page.goto('sync-vs-async/');
  const headings = page.locator('.sl-markdown-content :is(h2, h3)[id]');
  const count = await headings.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const id = await headings.nth(i).getAttribute('id');
    const anchor = page.locator(`.sl-markdown-content a.sl-anchor-link[href="#${id ?? ''}"]`);
    await expect(anchor, `anchor link for #${id ?? ''}`).toHaveCount(1);
  }
});

test('edits survive a reload, marked as edited; Reset clears the stored copy', async ({ page }) => {
  await page.goto(PAGE);
  let root = await openSandbox(page, ID);
  await appendLine(root, ADDED);
  await expect
    .poll(() => storedKeys(page), { message: 'saved after a short pause' })
    .toHaveLength(1);

  await page.reload();
  root = await openSandbox(page, ID);
  await expect(liveCode(root)).toContainText(ADDED);
  await expect(root.getByText('edited', { exact: true })).toBeVisible();
  await expect(root.locator('[data-sandbox-restored]')).toContainText('earlier visit');
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  expect(await transcript(root)).toContain('kept across reloads');

  await root.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(liveCode(root)).not.toContainText(ADDED);
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
  await expect(root.locator('[data-sandbox-codestate]')).toContainText('Original code restored');
  await expect.poll(() => storedKeys(page)).toEqual([]);
  await page.reload();
  root = await openSandbox(page, ID);
  await expect(liveCode(root)).toContainText(ORIGINAL_LINE);
  await expect(liveCode(root)).not.toContainText(ADDED);
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
});

test('edits saved against an older version of the demo are dropped, not applied', async ({
  page,
}) => {
  await page.goto(PAGE);
  const pagePath = new URL(page.url()).pathname;
  const staleKey = `sandbox-edits:v1:${pagePath}#${ID}:oldhash`;
  await page.evaluate(
    ([key]) => {
      localStorage.setItem(key ?? '', JSON.stringify({ '/index.ts': "console.log('stale');" }));
    },
    [staleKey],
  );
  await page.reload();
  const root = await openSandbox(page, ID);
  await expect(liveCode(root)).toContainText(ORIGINAL_LINE);
  await expect(liveCode(root)).not.toContainText('stale');
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
  await expect.poll(() => storedKeys(page)).toEqual([]);
});

test.describe('storage refused', () => {
  // Starlight's own theme scripts read localStorage unguarded and throw where
  // storage is refused (the theme then stays on its default); said here, not hidden.
  test.use({
    expectedPageErrors: /^(The operation is insecure\.|StarlightThemeProvider is not defined)$/,
  });

  test('a browser that refuses storage still runs sandboxes', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto(PAGE);
    const root = await openSandbox(page, ID);
    await appendLine(root, ADDED);
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForState(root, ['done'], 20_000);
    expect(await transcript(root)).toContain('kept across reloads');
  });
});

test.describe('link previews', () => {
  test('every page has a title, a description and Open Graph tags', async ({
    page,
    request,
    siteURL,
  }) => {
    const paths = await pagePaths(request, siteURL);
    for (const path of paths) {
      await page.goto(path);
      const meta = (selector: string) =>
        page.locator(`head meta[${selector}]`).first().getAttribute('content');
      const title = await page.title();
      expect(title.length, `<title> of /${path}`).toBeGreaterThan(5);
      const description = (await meta('name="description"')) ?? '';
      expect(description.length, `description of /${path}`).toBeGreaterThan(30);
      expect(await meta('property="og:title"'), `og:title of /${path}`).toBeTruthy();
      expect(await meta('property="og:description"'), `og:description of /${path}`).toBe(
        description,
      );
      expect(await meta('property="og:type"')).toBeTruthy();
      expect(await meta('name="twitter:card"')).toBeTruthy();
    }
  });

  test('the runtime and embed pages ask not to be indexed', async ({ request, siteURL }) => {
    const manifest = (await (
      await request.get(new URL('sandboxes.json', siteURL).href)
    ).json()) as { page: string; id: string }[];
    const first = manifest[0];
    if (!first) throw new Error('the manifest lists no sandbox');
    for (const path of ['runtime/', `embed/${first.page}${first.id}/`]) {
      const response = await request.get(new URL(path, siteURL).href);
      expect(response.ok(), `${path} is served`).toBe(true);
      expect(await response.text(), `${path} asks not to be indexed`).toMatch(
        /<meta name="robots" content="noindex"/,
      );
    }
  });
});
