import AxeBuilder from '@axe-core/playwright';
import { expect, pagePaths, test } from './fixtures';
import { useTheme } from './support/theme';
import { runSandbox } from './support/sandbox';

test('every page passes axe, and its colour rules in the dark theme too', async ({
  page,
  request,
  siteURL,
}) => {
  test.setTimeout(240_000);
  const paths = await pagePaths(request, siteURL);
  expect(paths.length, 'the landing page and every chapter').toBeGreaterThanOrEqual(9);
  for (const theme of ['light', 'dark']) {
    await useTheme(page, theme);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Off-screen sandboxes skip rendering (content-visibility: auto), and
      // axe would not check what is not rendered: render everything.
      await page.addStyleTag({ content: '.sandbox { content-visibility: visible !important; }' });
      // The themes differ only in colours, so the dark pass runs the colour
      // rules; the light pass runs everything. (A full second pass doubled
      // the longest test of the suite.)
      const axe = new AxeBuilder({ page });
      if (theme === 'dark') axe.withRules(['color-contrast', 'link-in-text-block']);
      const results = await axe.analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary, `axe violations on /${path} (${theme})`).toEqual([]);
    }
  }
});

test('a live sandbox, its editor, its output and its open Timeline pass axe in light and dark themes', async ({
  page,
}) => {
  for (const theme of ['light', 'dark']) {
    await useTheme(page, theme);
    await page.goto('fixtures/runtime/');
    for (const id of ['multi-file', 'worker-error']) {
      const { state } = await runSandbox(page, id);
      expect(['done', 'error']).toContain(state);
      // With its Timeline open: the drawing, its items and its table are checked too.
      const root = page.locator(`[data-sandbox="${id}"]`);
      await root.getByRole('button', { name: 'Timeline', exact: true }).click();
      await expect(root.locator('[data-timeline] .tl-item').first()).toBeAttached();
      await root.getByText('Events as a table').click();
      const results = await new AxeBuilder({ page }).include(`[data-sandbox="${id}"]`).analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary, `axe violations in live sandbox #${id} (${theme})`).toEqual([]);
    }
  }
});
