/**
 * The sandbox as a reader sees it: one monospace face for code and output,
 * readable colours with every menu and panel open, nothing that moves while
 * the reader runs, edits, shares and stops, menus that are never cut off,
 * code and output that scroll sideways on a phone instead of wrapping, and
 * chapters whose sandboxes go live without shifting the page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, pagePaths, test } from './fixtures';
import { useTheme } from './support/theme';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
/** A chapter sandbox with a Python version, a five-second run and six lines of output. */
const PAGE = 'sync-vs-async/';
const ID = 'await-in-loop';

function root(page: Page, id = ID): Locator {
  return page.locator(`[data-sandbox="${id}"]`);
}

/** Scrolls to a sandbox as a reader would and waits for its live editor. */
async function goLive(page: Page, id = ID): Promise<Locator> {
  const sandbox = root(page, id);
  await sandbox.scrollIntoViewIfNeeded();
  await page.mouse.move(3, 3);
  await page.mouse.move(4, 4);
  await expect(sandbox, `the editor of ${id} is live`).toHaveAttribute('data-live', 'true', {
    timeout: 20_000,
  });
  await expect(sandbox.locator('.cm-content')).toBeVisible();
  return sandbox;
}

/** Widths of ten i and ten M in the font of `selector` inside the sandbox. */
async function advances(sandbox: Locator, selector: string): Promise<[number, number]> {
  return sandbox
    .locator(selector)
    .first()
    .evaluate((element) => {
      const measure = (text: string): number => {
        const span = document.createElement('span');
        span.textContent = text;
        element.append(span);
        const width = span.getBoundingClientRect().width;
        span.remove();
        return width;
      };
      return [measure('iiiiiiiiii'), measure('MMMMMMMMMM')];
    });
}

test.describe('monospace', () => {
  for (const [name, selector] of [
    ['code (server render)', '.sb-content'],
    ['expected output', '[data-sandbox-expected]'],
  ] as const) {
    test(`${name} is monospace before the editor loads`, async ({ page, siteURL }) => {
      await page.goto(`${siteURL}${PAGE}`);
      const sandbox = root(page);
      await expect(sandbox).not.toHaveAttribute('data-live', 'true');
      const [i, m] = await advances(sandbox, selector);
      expect(i).toBeGreaterThan(0);
      expect(Math.abs(i - m), `i and M advance alike in ${name}`).toBeLessThan(0.5);
    });
  }

  test('live code and the output are monospace', async ({ page, siteURL }) => {
    await page.goto(`${siteURL}${PAGE}`);
    const sandbox = await goLive(page);
    await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(sandbox.locator('[data-sandbox-output] .sandbox-line').first()).toBeVisible();
    for (const selector of ['.cm-content', '[data-sandbox-output]']) {
      const [i, m] = await advances(sandbox, selector);
      expect(Math.abs(i - m), `i and M advance alike in ${selector}`).toBeLessThan(0.5);
    }
  });
});

/** Relative luminance (WCAG 2) of a computed `rgb()` / `rgba()` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast of each token colour of the live code against the editor's background. */
async function tokenContrast(sandbox: Locator): Promise<{ name: string; ratio: number }[]> {
  const colours = await sandbox.locator('.cm-editor').evaluate((editor) => {
    const background = getComputedStyle(editor).backgroundColor;
    const seen = new Map<string, string>();
    for (const token of editor.querySelectorAll('.cm-line, .cm-line [class]')) {
      seen.set(token.className || 'plain text', getComputedStyle(token).color);
    }
    return { background, tokens: [...seen] };
  });
  const back = luminance(colours.background);
  return colours.tokens.map(([name, colour]) => {
    const front = luminance(colour);
    const [light, dark] = front > back ? [front, back] : [back, front];
    return {
      name: `${name} (${colour} on ${colours.background})`,
      ratio: (light + 0.05) / (dark + 0.05),
    };
  });
}

test.describe('contrast with every menu and panel open', () => {
  for (const theme of ['light', 'dark']) {
    test(`no colour-contrast violation or undecided result (${theme})`, async ({
      page,
      siteURL,
    }) => {
      test.setTimeout(90_000);
      await useTheme(page, theme);
      await page.goto(`${siteURL}${PAGE}`);
      const sandbox = await goLive(page);
      const selector = `[data-sandbox="${ID}"]`;
      const check = async (what: string, include = selector): Promise<void> => {
        const results = await new AxeBuilder({ page })
          .include(include)
          .withRules(['color-contrast'])
          .analyze();
        const list = (items: typeof results.violations) =>
          items.flatMap((item) =>
            item.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
          );
        expect(list(results.violations), `contrast violations, ${what} (${theme})`).toEqual([]);
        // axe files what it cannot decide (a 1:1 label on its own background) as
        // incomplete. Code tokens are the exception it cannot help: one-character
        // spans and lines cut by the scroll region; tokenContrast measures those.
        const undecided = await new AxeBuilder({ page })
          .include(include)
          .exclude(`${selector} .cm-content`)
          .withRules(['color-contrast'])
          .analyze();
        expect(list(undecided.incomplete), `undecided contrast, ${what} (${theme})`).toEqual([]);
      };
      const tokens = await tokenContrast(sandbox);
      expect(tokens.length, 'the code has highlighted tokens').toBeGreaterThan(3);
      for (const token of tokens) {
        expect(
          token.ratio,
          `contrast of ${token.name} in the code (${theme})`,
        ).toBeGreaterThanOrEqual(4.5);
      }
      await check('at rest');
      for (const tab of ['Expected', 'Python']) {
        await sandbox.getByRole('tab', { name: tab }).click();
        await check(`${tab} tab`);
      }
      await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(sandbox).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
      await check('after a run');
      await sandbox.getByRole('button', { name: 'Share', exact: true }).click();
      await expect(sandbox.getByRole('menu')).toBeVisible();
      await check('Share menu open', `${selector} [role="menu"]`);
      await sandbox.getByRole('menuitem', { name: 'Embed in a course page' }).click();
      await expect(sandbox.getByRole('dialog')).toBeVisible();
      await check('Embed panel open', `${selector} [role="dialog"]`);
      await sandbox.getByRole('button', { name: 'Close', exact: true }).click();
      await sandbox.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type('\n// mine');
      await expect(sandbox.getByText('edited', { exact: true })).toBeVisible();
      await check('edited');
    });
  }
});

test('the editor does not move through Run, edit, Copy link, Share and Stop', async ({
  page,
  siteURL,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto(`${siteURL}${PAGE}`);
    const sandbox = root(page);
    await sandbox.scrollIntoViewIfNeeded();
    const position = () =>
      sandbox.evaluate((element) => {
        const editor = element.querySelector('[data-sandbox-editor]');
        if (!editor) throw new Error('no editor');
        const box = editor.getBoundingClientRect();
        const outer = element.getBoundingClientRect();
        return { top: box.top - outer.top, left: box.left - outer.left, width: box.width };
      });
    const start = await position();
    const same = async (after: string): Promise<void> => {
      const now = await position();
      expect(Math.abs(now.top - start.top), `editor top after ${after}`).toBeLessThan(0.5);
      expect(Math.abs(now.left - start.left), `editor left after ${after}`).toBeLessThan(0.5);
      expect(Math.abs(now.width - start.width), `editor width after ${after}`).toBeLessThan(0.5);
    };
    await goLive(page);
    await same('going live');
    await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(sandbox).toHaveAttribute('data-state', 'running', { timeout: 15_000 });
    await same('Run');
    await sandbox.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' // edited');
    await expect(sandbox.getByText('edited', { exact: true })).toBeVisible();
    await same('an edit');
    await sandbox.getByRole('button', { name: 'Share', exact: true }).click();
    await sandbox.getByRole('menuitem', { name: 'Copy link' }).click();
    await expect(sandbox.locator('[data-sandbox-feedback]')).toHaveText('Link copied');
    await same('Copy link');
    await sandbox.getByRole('button', { name: 'Share', exact: true }).click();
    await sandbox.getByRole('menuitem', { name: 'Share with code' }).click();
    await expect(sandbox.getByRole('dialog')).toBeVisible();
    await same('Share with code');
    await page.keyboard.press('Escape');
    await expect(sandbox.getByRole('dialog')).toHaveCount(0);
    await expect(sandbox.getByRole('button', { name: 'Share', exact: true })).toBeFocused();
    await sandbox.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(sandbox).toHaveAttribute('data-state', 'stopped');
    await same('Stop');
    await sandbox.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(sandbox.getByRole('button', { name: 'Undo', exact: true })).toBeVisible();
    await same('Reset');
  }
});

test('every menu item and header control can be hit where it is drawn', async ({
  page,
  siteURL,
}) => {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto(`${siteURL}parallelism/`);
    const ids = await page
      .locator('[data-sandbox]')
      .evaluateAll((roots) => roots.map((element) => element.id));
    for (const id of ids) {
      const sandbox = await goLive(page, id);
      const onTop = async (targets: Locator[]): Promise<void> => {
        for (const target of targets) {
          const name = (await target.textContent()) ?? '';
          // What is drawn at the target's centre; polled briefly, as a menu opening or an
          // editor measuring itself can cover a control for a frame.
          const onTopNow = () =>
            target.evaluate((element) => {
              // Instant: the page scrolls smoothly, and a rect read mid-scroll is stale.
              element.scrollIntoView({ block: 'center', behavior: 'instant' });
              const box = element.getBoundingClientRect();
              const found = document.elementFromPoint(
                box.left + box.width / 2,
                box.top + box.height / 2,
              );
              return found === element || element.contains(found)
                ? 'itself'
                : `${found?.outerHTML.slice(0, 80) ?? 'nothing'} at ${Math.round(box.top)} px (scrollY ${Math.round(scrollY)}, viewport ${innerHeight})`;
            });
          await expect
            .poll(onTopNow, {
              message: `"${name}" of #${id} at ${viewport.width} px is on top`,
              timeout: 3_000,
            })
            .toBe('itself');
          const box = await target.boundingBox();
          if (viewport === PHONE && (await target.getAttribute('role')) !== 'tab') {
            expect(box?.height ?? 0, `"${name}" is a 40 px touch target`).toBeGreaterThanOrEqual(
              39.5,
            );
          }
        }
      };
      await onTop(
        await sandbox.locator('.sandbox-actions button, .sandbox-tools button, [role="tab"]').all(),
      );
      await sandbox.getByRole('button', { name: 'Share', exact: true }).click();
      const menu = sandbox.getByRole('menu');
      await expect(menu).toBeVisible();
      // All at once, in the page: the open menu as the reader sees it.
      const covered = await menu.evaluate((element) =>
        [...element.querySelectorAll<HTMLElement>('[role="menuitem"]')].flatMap((item) => {
          item.scrollIntoView({ block: 'center', behavior: 'instant' });
          const box = item.getBoundingClientRect();
          const found = document.elementFromPoint(
            box.left + box.width / 2,
            box.top + box.height / 2,
          );
          const hit = found === item || item.contains(found);
          const tall = box.height >= 39.5 || innerWidth > 400;
          return hit && tall
            ? []
            : [
                `${item.textContent}: ${hit ? `${box.height} px tall` : `under ${found?.tagName ?? 'nothing'}.${found?.className ?? ''} at ${Math.round(box.top)} px`}`,
              ];
        }),
      );
      expect(covered, `menu items of #${id} at ${viewport.width} px that cannot be hit`).toEqual(
        [],
      );
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(sandbox.getByRole('button', { name: 'Share', exact: true })).toBeFocused();
    }
  }
});

test('at 360 px every line of code and output is one line', async ({ page, siteURL }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${siteURL}parallelism/`);
  const sandbox = await goLive(page, 'worker-pool');
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await sandbox.getByRole('button', { name: /^Show all \d+ lines$/ }).click();
  const wrapped = await sandbox.evaluate((element) => {
    const lines = [...element.querySelectorAll('.cm-line, [data-sandbox-output] .sandbox-line')];
    return {
      count: lines.length,
      wrapped: lines
        .filter((line) => {
          const range = document.createRange();
          range.selectNodeContents(line);
          const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          return tops.size > 1;
        })
        .map((line) => line.textContent),
    };
  });
  expect(wrapped.count).toBeGreaterThan(30);
  expect(wrapped.wrapped, 'lines drawn on more than one line').toEqual([]);
});

test.describe('layout shift while a reader scrolls a chapter', () => {
  test.describe.configure({ mode: 'serial' });
  for (const viewport of [DESKTOP, PHONE]) {
    test(`at ${viewport.width} px the sum of shifts stays under 0.02`, async ({
      page,
      request,
      siteURL,
    }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(viewport);
      const paths = (await pagePaths(request, siteURL)).filter((path) => path !== '');
      await page.addInitScript(() => {
        const shifts: { value: number; source: string; at: number }[] = [];
        Object.assign(window, { __shifts: shifts });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            sources?: { node?: Node | null }[];
          })[]) {
            const node = entry.sources?.[0]?.node;
            const source =
              node instanceof Element
                ? `${node.tagName}.${node.className}`
                : (node?.nodeName ?? '');
            shifts.push({ value: entry.value, source, at: entry.startTime });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      for (const path of paths) {
        await page.goto(`${siteURL}${path}`);
        await page.mouse.move(viewport.width / 2, viewport.height / 2);
        // Counted from the reader's first scroll: what loading the page itself
        // shifts is not the sandboxes' doing (and is reported, not judged).
        const from = await page.evaluate(() => performance.now());
        for (;;) {
          await page.mouse.wheel(0, viewport.height * 0.8);
          await page.waitForTimeout(200);
          const atEnd = await page.evaluate(
            () => innerHeight + scrollY >= document.documentElement.scrollHeight - 2,
          );
          if (atEnd) break;
        }
        await expect
          .poll(() => page.locator('[data-sandbox]:not([data-live])').count(), {
            message: `every sandbox of /${path} went live`,
            timeout: 20_000,
          })
          .toBe(0);
        await page.waitForTimeout(500);
        const all = await page.evaluate(
          () =>
            (window as unknown as { __shifts: { value: number; source: string; at: number }[] })
              .__shifts,
        );
        const atLoad = all.filter((shift) => shift.at < from);
        if (atLoad.length > 0) {
          test.info().annotations.push({
            type: 'layout shift while loading',
            description: `/${path}: ${JSON.stringify(atLoad)}`,
          });
        }
        const shifts = all.filter((shift) => shift.at >= from);
        const sum = shifts.reduce((total, shift) => total + shift.value, 0);
        expect(sum, `layout shift on /${path}: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(
          0.02,
        );
      }
    });
  }
});
