import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
} from '@playwright/test';

const hrefs = (html: string): string[] =>
  [...html.matchAll(/<a\s[^>]*?href="([^"#]+)(?:#[^"]*)?"/g)].map((m) => m[1] ?? '');

/**
 * Paths (relative to the site's base URL) of every reading page, as a reader
 * finds them: the home page, and every page of the sidebar (taken from the
 * first page the home page links to that has one: the home page is a splash
 * page without it). Not the sitemap, which only a build with SITE has.
 */
export async function pagePaths(request: APIRequestContext, baseURL: string): Promise<string[]> {
  const base = new URL(baseURL);
  const home = await request.get(base.href);
  expect(home.ok(), 'the home page is served').toBe(true);
  const internal = (html: string): string[] =>
    hrefs(html)
      .map((href) => new URL(href, base))
      .filter((url) => url.origin === base.origin && url.pathname.startsWith(base.pathname))
      .map((url) => url.pathname.slice(base.pathname.length));
  for (const path of new Set(internal(await home.text()))) {
    if (!path) continue;
    const html = await (await request.get(new URL(path, base).href)).text();
    const sidebar = /<nav\b[^>]*aria-label="Main"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1];
    if (sidebar) return ['', ...new Set(internal(sidebar))];
  }
  throw new Error('no page the home page links to has the sidebar');
}

/** The former name of `pagePaths`, from when the page list came from the sitemap. */
export const sitemapPaths = pagePaths;

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
