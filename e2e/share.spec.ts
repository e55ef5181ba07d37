/**
 * Share links: the reader's code travels in the URL fragment (lz-string, like
 * the TypeScript Playground), opens in the same sandbox with a notice, never runs
 * before Run, and a broken link falls back to the original demo with a
 * message instead of a blank or crashed sandbox.
 */
import AxeBuilder from '@axe-core/playwright';
import LZString from 'lz-string';
import { expect, test } from './fixtures';
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
const ADDED = "console.log('from a shared link');";

function shareLink(siteURL: string, payload: string, id = ID): string {
  return `${siteURL}${PAGE}#${id}:share=${payload}`;
}

function payloadOf(value: unknown): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(value));
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('Share copies a link that carries the edited code; opening it shows that code, unrun, with a way back', async ({
  page,
  browser,
  siteURL,
}) => {
  // Two readers' pages and two axe passes (the panel, the menu).
  test.setTimeout(90_000);
  await page.goto(PAGE);
  const root = await openSandbox(page, ID);
  await appendLine(root, ADDED);
  await shareMenuItem(root, 'Share with code');
  await expect(root.locator('[data-sandbox-feedback]')).toHaveText('Share link copied');
  const field = root.getByRole('textbox', { name: 'Share link (it carries your code)' });
  await expect(field).toBeVisible();
  const url = await field.inputValue();
  expect(url.startsWith(`${siteURL}${PAGE}#${ID}:share=`), url).toBe(true);
  expect(url).toMatch(/#multi-file:share=[A-Za-z0-9+$-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  // The panel passes axe, as does the open Share menu.
  const panel = root.getByRole('dialog', { name: 'Share link (it carries your code)' });
  await expect(panel).toHaveAttribute('data-sandbox-panel', 'share');
  const panelAxe = await new AxeBuilder({ page })
    .include(`[data-sandbox="${ID}"] .sandbox-bar`)
    .analyze();
  expect(panelAxe.violations.map((v) => v.id)).toEqual([]);
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(panel).toBeHidden();
  await root.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(root.getByRole('menu')).toBeVisible();
  const menuAxe = await new AxeBuilder({ page })
    .include(`[data-sandbox="${ID}"] .sandbox-bar`)
    .analyze();
  expect(menuAxe.violations.map((v) => v.id)).toEqual([]);

  // A reader without the author's storage opens the link.
  const context = await browser.newContext();
  const reader = await context.newPage();
  await reader.goto(url);
  const shared = sandbox(reader, ID);
  await expect(shared).toBeInViewport();
  await waitForEditor(shared);
  await expect(shared.locator('[data-sandbox-shared]')).toHaveText(
    'Shared code · Back to the original',
  );
  await expect(liveCode(shared)).toContainText(ADDED);
  await expect(shared.getByText('edited', { exact: true })).toBeVisible();
  await reader.waitForTimeout(1_500);
  await expect(shared, 'shared code does not run by itself').toHaveAttribute('data-state', 'idle');
  await expect(shared.getByRole('log', { includeHidden: true })).toHaveText(
    'Press Run to see what this program prints.',
  );

  await shared.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(shared, ['done'], 20_000);
  expect(await transcript(shared)).toContain('from a shared link');
  // Viewing shared code never writes the reader's storage.
  expect(
    await reader.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('sandbox-edits:')),
    ),
  ).toEqual([]);

  await shared.getByRole('link', { name: 'Back to the original' }).click();
  await expect(reader).toHaveURL(`${siteURL}${PAGE}#${ID}`);
  const original = await openSandbox(reader, ID);
  await expect(liveCode(original)).toContainText(ORIGINAL_LINE);
  await expect(liveCode(original)).not.toContainText(ADDED);
  await expect(original.locator('[data-sandbox-shared]')).toHaveCount(0);
  await context.close();
});

test('a share link for one sandbox leaves the others on the page alone', async ({
  page,
  siteURL,
}) => {
  const payload = payloadOf({ v: 1, files: { '/index.ts': "console.log('only here');\n" } });
  await page.goto(shareLink(siteURL, payload));
  const target = await openSandbox(page, ID);
  await expect(liveCode(target)).toContainText("console.log('only here');");
  const other = await openSandbox(page, 'nested-worker');
  await expect(other.locator('[data-sandbox-shared]')).toHaveCount(0);
  await expect(liveCode(other)).not.toContainText('only here');
});

const BROKEN: [string, (valid: string) => string][] = [
  ['truncated', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
  ['tampered', (valid) => `${valid.slice(0, 10)}QQQQQQQQ${valid.slice(18)}`],
  ['not a payload at all', () => '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ['empty', () => ''],
  ['not JSON', () => LZString.compressToEncodedURIComponent('console.log(1)')],
  ['an unknown file', () => payloadOf({ v: 1, files: { '/evil.ts': 'x' } })],
  ['a prototype key', () => payloadOf(JSON.parse('{"v":1,"files":{"__proto__":"x"}}'))],
  ['a non-string file', () => payloadOf({ v: 1, files: { '/index.ts': 42 } })],
  ['an extra field', () => payloadOf({ v: 1, files: { '/index.ts': 'x' }, run: true })],
  ['another version', () => payloadOf({ v: 2, files: { '/index.ts': 'x' } })],
  ['too long', () => 'A'.repeat(120_000)],
];

test('broken, truncated or tampered share links show a message and the original demo', async ({
  page,
  siteURL,
}) => {
  test.setTimeout(120_000);
  const valid = payloadOf({
    v: 1,
    files: { '/index.ts': `${ADDED}\n// ${'padding '.repeat(20)}` },
  });
  for (const [name, make] of BROKEN) {
    await test.step(name, async () => {
      await page.goto('about:blank');
      await page.goto(shareLink(siteURL, make(valid)));
      const root = sandbox(page, ID);
      await expect(liveCode(root), `${name}: the editor loads`).toBeVisible({
        timeout: 20_000,
      });
      await expect(root.locator('[data-sandbox-share-error]')).toHaveRole('alert');
      await expect(root.locator('[data-sandbox-share-error]')).toContainText(
        'This share link could not be opened',
      );
      await expect(liveCode(root)).toContainText(ORIGINAL_LINE);
      await expect(liveCode(root)).not.toContainText(ADDED);
      await expect(root.getByText('edited', { exact: true })).toBeHidden();
    });
  }
  // The fallback is a working sandbox.
  const root = sandbox(page, ID);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  expect(await transcript(root)).toContain('hello, sandbox 2');
});
