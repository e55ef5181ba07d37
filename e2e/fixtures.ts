import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
} from '@playwright/test';

/** Paths (relative to the site's base URL) of every page the sitemap lists. */
export async function sitemapPaths(request: APIRequestContext, baseURL: string): Promise<string[]> {
  const index = await request.get(new URL('sitemap-index.xml', baseURL).href);
  expect(index.ok(), 'sitemap-index.xml is served').toBe(true);
  const sitemaps = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (m) => m[1] ?? '',
  );
  const paths: string[] = [];
  const basePath = new URL(baseURL).pathname;
  for (const sitemap of sitemaps) {
    const file = await request.get(new URL(new URL(sitemap).pathname, baseURL).href);
    for (const [, loc] of (await file.text()).matchAll(/<loc>([^<]+)<\/loc>/g)) {
      const pathname = new URL(loc ?? '').pathname;
      expect(pathname.startsWith(basePath), `${pathname} lies under ${basePath}`).toBe(true);
      paths.push(pathname.slice(basePath.length));
    }
  }
  return paths;
}

interface Fixtures {
  /** The site's base URL with a trailing slash, e.g. http://localhost:4400/concurrency/. */
  siteURL: string;
  /**
   * Uncaught errors a test provokes on purpose, by message (one pattern: an
   * array here would be read as a fixture tuple). Every other uncaught error
   * in any page or frame of the test fails it.
   */
  expectedPageErrors: RegExp | undefined;
  failOnPageError: undefined;
}

export const test = base.extend<Fixtures>({
  siteURL: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error('baseURL must be set in playwright.config.ts');
    await use(baseURL.endsWith('/') ? baseURL : `${baseURL}/`);
  },
  expectedPageErrors: [undefined, { option: true }],
  failOnPageError: [
    async ({ browser, context, expectedPageErrors }, use) => {
      const errors: string[] = [];
      const watch = (watched: BrowserContext): void => {
        watched.on('weberror', (webError) => {
          const error = webError.error();
          const text = `${error.name}: ${error.message} (on ${webError.page()?.url() ?? 'a page'})`;
          if (!expectedPageErrors?.test(error.message)) errors.push(text);
        });
      };
      watch(context);
      // Contexts a test opens itself (a second reader, a course platform) are watched too.
      browser.on('context', watch);
      await use(undefined);
      browser.off('context', watch);
      expect(errors, 'uncaught errors in the pages of this test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
