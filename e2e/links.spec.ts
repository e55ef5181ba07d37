import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, pagePaths, test } from './fixtures';

/** The build the e2e server serves (OUT_DIR moves it, as in playwright.config.ts). */
const DIST = process.env.OUT_DIR ?? 'dist';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('no file of the build has ".." in its path, and scripts and styles are plainly named', () => {
  // Static hosts that refuse ".." in a URL path answer such a file with 404.
  const files = filesUnder(DIST).map((file) => relative(DIST, file).split('\\').join('/'));
  expect(files.length).toBeGreaterThan(50);
  expect(files.filter((file) => file.includes('..'))).toEqual([]);
  const assets = files.filter((file) => file.startsWith('_astro/'));
  expect(assets.length).toBeGreaterThan(10);
  expect(
    assets.filter((file) => !/^_astro\/[A-Za-z0-9][\w.-]*$/.test(file)),
    'built assets start with a letter or digit and use only letters, digits, ".", "-" and "_"',
  ).toEqual([]);
});

test('every internal link and #anchor on every page resolves', async ({
  page,
  request,
  siteURL,
}) => {
  test.setTimeout(180_000);
  const site = new URL(siteURL);
  const paths = await pagePaths(request, siteURL);
  const idsByPage = new Map<string, Set<string>>();
  const links = new Map<string, Set<string>>(); // target URL -> pages linking to it

  for (const path of paths) {
    await page.goto(path);
    const pageURL = page.url().split('#')[0] ?? '';
    idsByPage.set(
      pageURL,
      new Set(await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id))),
    );
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== site.origin) continue;
      const from = links.get(url.href) ?? new Set<string>();
      from.add(path);
      links.set(url.href, from);
    }
  }

  const broken: string[] = [];
  for (const [href, from] of links) {
    const url = new URL(href);
    const target = `${url.origin}${url.pathname}${url.search}`;
    if (!url.pathname.startsWith(site.pathname)) {
      broken.push(`${href} (outside the base path) from ${[...from].join(', ')}`);
      continue;
    }
    if (!idsByPage.has(target)) {
      const response = await request.get(target);
      if (!response.ok()) {
        broken.push(`${href} -> HTTP ${response.status()} from ${[...from].join(', ')}`);
        continue;
      }
      await page.goto(target);
      idsByPage.set(
        target,
        new Set(await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id))),
      );
    }
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (anchor && anchor !== '_top' && !idsByPage.get(target)?.has(anchor)) {
      broken.push(`${href} -> no element with id "${anchor}" (from ${[...from].join(', ')})`);
    }
  }
  expect(links.size, 'the crawl found internal links').toBeGreaterThan(10);
  expect(broken).toEqual([]);
});
