import AxeBuilder from '@axe-core/playwright';
import { expect, sitemapPaths, test } from './fixtures';

test('every page in the sitemap passes axe in light and dark themes', async ({
  page,
  request,
  siteURL,
}) => {
  const paths = await sitemapPaths(request, siteURL);
  expect(
    paths.length,
    'the sitemap lists the landing page and every chapter',
  ).toBeGreaterThanOrEqual(9);
  for (const theme of ['light', 'dark']) {
    await page.addInitScript((t) => {
      localStorage.setItem('starlight-theme', t);
    }, theme);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary, `axe violations on /${path} (${theme})`).toEqual([]);
    }
  }
});
