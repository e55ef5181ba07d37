/**
 * The reading surface on a phone (360 px) and a desktop (1280 px): the site
 * title fits the header, every table shows every column without scrolling
 * sideways (cards in a narrow column), and code never wraps: a block that
 * overflows scrolls, as a focusable region with a name no other region on
 * the page has.
 */
import { expect, pagePaths, test } from './fixtures';

for (const width of [360, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('the site title fits the header', async ({ page }) => {
      await page.goto('overview/');
      const title = page.locator('.site-title span');
      const { scrollWidth, clientWidth } = await title.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      }));
      expect(scrollWidth, 'the title is not cut').toBeLessThanOrEqual(clientWidth);
    });

    test('every table shows every cell in the column, with units beside their values', async ({
      page,
      request,
      siteURL,
    }) => {
      let tables = 0;
      for (const path of await pagePaths(request, siteURL)) {
        await page.goto(path);
        const report = await page.locator('.sl-markdown-content table').evaluateAll((list) =>
          list.map((table) => {
            const column = table.closest('.sl-markdown-content')?.getBoundingClientRect();
            const cells = [...table.querySelectorAll('td')];
            const outside = cells.filter((cell) => {
              const box = cell.getBoundingClientRect();
              return !column || box.left < column.left - 1 || box.right > column.right + 1;
            });
            return {
              cards: getComputedStyle(table.querySelector('tbody tr') ?? table).display === 'block',
              scrolls: table.scrollWidth > table.clientWidth + 1,
              outside: outside.map((cell) => cell.textContent),
              unlabelled: cells.filter((cell) => !cell.dataset.label).length,
              // A number and its unit split over two lines ("2.01" / "s").
              splitUnits: cells
                .map((cell) => cell.innerText)
                .filter((text) => /\d\s*\n\s*(s|ms)\b/.test(text)),
            };
          }),
        );
        tables += report.length;
        for (const [i, table] of report.entries()) {
          const where = `table ${i + 1} of /${path}`;
          expect(table.outside, `${where}: cells out of the column`).toEqual([]);
          expect(table.scrolls, `${where} does not scroll sideways`).toBe(false);
          expect(table.unlabelled, `${where}: cells without their column's heading`).toBe(0);
          expect(table.splitUnits, `${where}: units apart from their values`).toEqual([]);
          // Cards on a phone; a table where the column has room for one.
          expect(table.cards, `${where} is shown as cards`).toBe(width === 360);
        }
      }
      expect(tables, 'the guide has tables').toBeGreaterThanOrEqual(6);
    });

    test('code never wraps; a block that overflows is a focusable region with a name of its own', async ({
      page,
      request,
      siteURL,
    }) => {
      let blocks = 0;
      let overflowing = 0;
      for (const path of await pagePaths(request, siteURL)) {
        await page.goto(path);
        const pres = page.locator('.sl-markdown-content .expressive-code pre');
        if ((await pres.count()) === 0) continue;
        // Expressive Code's script sets tabindex and role after a resize settles.
        await page.waitForTimeout(1000);
        const report = await pres.evaluateAll((list) =>
          list.map((pre) => {
            const lines = [...pre.querySelectorAll<HTMLElement>('.ec-line .code')];
            const lineHeight = parseFloat(
              getComputedStyle(pre.querySelector('code') ?? pre).lineHeight,
            );
            return {
              name: pre.getAttribute('aria-label'),
              overflows: pre.scrollWidth > pre.clientWidth,
              tabindex: pre.getAttribute('tabindex'),
              role: pre.getAttribute('role'),
              wrapped: lines.filter(
                (line) => line.getBoundingClientRect().height > lineHeight * 1.5,
              ).length,
            };
          }),
        );
        const names = report.map((pre) => pre.name);
        expect(new Set(names).size, `code regions of /${path} have names of their own`).toBe(
          names.length,
        );
        for (const pre of report) {
          blocks++;
          expect(pre.name, `a code block of /${path} has a name`).toMatch(/^Code/);
          expect(pre.wrapped, `${pre.name ?? ''} on /${path}: wrapped lines`).toBe(0);
          if (pre.overflows) {
            overflowing++;
            expect(pre, `${pre.name ?? ''} on /${path} can be scrolled by keyboard`).toMatchObject({
              tabindex: '0',
              role: 'region',
            });
          }
        }
      }
      expect(blocks, 'the guide has code blocks').toBeGreaterThan(0);
      if (width === 360) expect(overflowing, 'some code is wider than a phone').toBeGreaterThan(0);
    });
  });
}
