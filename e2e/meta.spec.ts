/**
 * What a build says about where it lives. With SITE (a deploy, and the e2e
 * base-path build): canonical links, `og:url`, an absolute `og:image` and a
 * sitemap of the reading pages. Without it (`npm test`'s main build): none of
 * them, rather than URLs on a made-up origin. Runs in the `site` and
 * `base-path` projects; each project's metadata says whether its build has a SITE.
 */
import type { Page } from '@playwright/test';
import { expect, pagePaths, test } from './fixtures';

/** The absolute URLs a page's head holds. */
async function headURLs(page: Page) {
  const head = page.locator('head');
  const attr = async (selector: string, name: string) => {
    const element = head.locator(selector);
    return (await element.count()) > 0 ? await element.first().getAttribute(name) : null;
  };
  return {
    canonical: await attr('link[rel="canonical"]', 'href'),
    ogURL: await attr('meta[property="og:url"]', 'content'),
    ogImage: await attr('meta[property="og:image"]', 'content'),
    ogImageWidth: await attr('meta[property="og:image:width"]', 'content'),
    ogImageHeight: await attr('meta[property="og:image:height"]', 'content'),
    ogImageAlt: await attr('meta[property="og:image:alt"]', 'content'),
    sitemap: await attr('link[rel="sitemap"]', 'href'),
    twitterCard: await attr('meta[name="twitter:card"]', 'content'),
  };
}

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('the social image is a 1200×630 PNG', async ({ request, siteURL }) => {
  const response = await request.get(new URL('og-image.png', siteURL).href);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
});

test('absolute URLs (canonical, og:url, og:image, sitemap) only in a build with a SITE', async ({
  page,
  request,
  siteURL,
}, testInfo) => {
  const site = (testInfo.project.metadata as { site?: string }).site;
  const paths = await pagePaths(request, siteURL);
  expect(paths.length).toBeGreaterThanOrEqual(9);
  const manifest = (await (await request.get(new URL('sandboxes.json', siteURL).href)).json()) as {
    page: string;
    id: string;
  }[];
  const embed = manifest.find((entry) => !entry.page.startsWith('fixtures/'));
  if (!embed) throw new Error('the manifest lists no sandbox of a chapter');
  const embedPath = `embed/${embed.page}${embed.id}/`;
  const sitemap = await request.get(new URL('sitemap-index.xml', siteURL).href);

  if (!site) {
    for (const path of [...paths, embedPath]) {
      await page.goto(path);
      const urls = await headURLs(page);
      expect(urls, `/${path} names no URL on a guessed origin`).toMatchObject({
        canonical: null,
        ogURL: null,
        ogImage: null,
        sitemap: null,
      });
      expect(await page.content()).not.toContain('localhost:4321');
    }
    expect(sitemap.status(), 'no sitemap without a SITE').toBe(404);
    return;
  }

  // The site's URL as the world sees it: SITE's origin plus the base path.
  const published = new URL(new URL(siteURL).pathname, site).href;
  for (const path of paths) {
    await page.goto(path);
    const urls = await headURLs(page);
    expect(urls, `/${path}`).toEqual({
      canonical: `${published}${path}`,
      ogURL: `${published}${path}`,
      ogImage: `${published}og-image.png`,
      ogImageWidth: '1200',
      ogImageHeight: '630',
      ogImageAlt: expect.stringMatching(/^Concurrency, by running it: /),
      sitemap: `${new URL(siteURL).pathname}sitemap-index.xml`,
      twitterCard: 'summary_large_image',
    });
  }
  await page.goto(embedPath);
  expect((await headURLs(page)).canonical, 'an embed names its section as canonical').toBe(
    `${published}${embed.page}#${embed.id}`,
  );

  // The sitemap lists exactly the reading pages: no runtime, embed or fixture page.
  expect(sitemap.ok()).toBe(true);
  const listed: string[] = [];
  for (const [, child] of (await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const file = await request.get(new URL(new URL(child ?? '').pathname, siteURL).href);
    for (const [, loc] of (await file.text()).matchAll(/<loc>([^<]+)<\/loc>/g)) {
      expect(loc, 'sitemap URLs are on the SITE').toMatch(new RegExp(`^${published}`));
      listed.push((loc ?? '').slice(published.length));
    }
  }
  expect(listed.sort()).toEqual([...paths].sort());
});

test("the home page's title is the site's name, once; a chapter's is its own, then the site's", async ({
  page,
}) => {
  await page.goto('./');
  await expect(page).toHaveTitle('Concurrency, by running it');
  await page.goto('overview/');
  await expect(page).toHaveTitle('Overview | Concurrency, by running it');
});
