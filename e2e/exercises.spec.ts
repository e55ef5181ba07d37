/**
 * Exercises: the goal is the Expected tab, hints open one at a time (on the
 * server's render too, by keyboard), the solution is behind a disclosure and
 * goes into the editor on request, a run that prints the goal says "Solved",
 * and this browser remembers it. Every exercise's starting program and
 * solution are checked against the goal by sandboxes.spec.ts; this file
 * checks the reader's side on the fixture exercise.
 */
import { expect, test } from './fixtures';
import {
  holdEditor,
  liveCode,
  putSolution,
  sandbox,
  transcript,
  waitForEditor,
} from './support/sandbox';

const PAGE = 'fixtures/runtime/';
const ID = 'exercise';

test('hints open one at a time from the keyboard, before the editor has loaded', async ({
  page,
}) => {
  const held = await holdEditor(page);
  await page.goto(`${PAGE}#${ID}`);
  const root = sandbox(page, ID);
  const first = root.locator('[data-sandbox-hint="1"]');
  const second = root.locator('[data-sandbox-hint="2"]');
  await expect(first.locator('> summary')).toHaveText('Hint 1 of 2');
  await expect(first.locator('> p')).toBeHidden();
  await expect(second.locator('> summary'), 'the second hint waits for the first').toBeHidden();
  await expect(root.locator('[data-sandbox-solved]')).toBeHidden();

  await first.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await expect(first.locator('> p')).toHaveText('Look at what the loop goes over.');
  await expect(second.locator('> summary')).toBeVisible();
  await expect(second.locator('> p')).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(second.locator('> summary')).toBeFocused();
  await page.keyboard.press('Enter');
  // Inline code in a hint is code.
  await expect(second.locator('> p code')).toHaveText('words.slice(1)');
  await expect(root.locator('[data-sandbox-solution] .sandbox-solution-code')).toBeHidden();

  // The hints the reader opened stay open when the editor takes over.
  held.release();
  await page.mouse.wheel(0, 40);
  await waitForEditor(root);
  await expect(first.locator('> p')).toBeVisible();
  await expect(second.locator('> p')).toBeVisible();
});

test('a run that prints the goal says Solved, and the page remembers it', async ({ page }) => {
  await page.goto(`${PAGE}#${ID}`);
  const root = sandbox(page, ID);
  await waitForEditor(root);
  // The starting program runs but does not reach the goal.
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(root.locator('[data-sandbox-verdict]')).toHaveAttribute(
    'data-sandbox-verdict',
    'differs',
  );
  await expect(root.locator('[data-sandbox-solved]')).toBeHidden();

  await putSolution(page, ID);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(root.locator('[data-sandbox-verdict]')).toHaveAttribute(
    'data-sandbox-verdict',
    'match',
    { timeout: 20_000 },
  );
  await expect(root.locator('[data-sandbox-solved]')).toBeVisible();
  await expect(root.locator('.sandbox-statusbar [role="status"]')).toContainText('Exercise solved');
  expect(await transcript(root)).toBe('one\ntwo\nthree');

  // Back later: the server's render says Solved before any editor code loads.
  const held = await holdEditor(page);
  await page.reload();
  await expect(root.locator('[data-sandbox-solved]')).toBeVisible();
  await expect(root, 'the editor is still held back').not.toHaveAttribute('data-live', 'true');
  held.release();

  // The live editor keeps saying so.
  await waitForEditor(root);
  await expect(root.locator('[data-sandbox-solved]')).toBeVisible();
});

test('"Put the solution in the editor" pressed before the editor loads puts it there', async ({
  page,
}) => {
  const held = await holdEditor(page);
  await page.goto(`${PAGE}#${ID}`);
  const root = sandbox(page, ID);
  await root.locator('[data-sandbox-solution] > summary').click();
  await expect(root.locator('.sandbox-solution-code')).toContainText('for (const word of words)');
  await root.getByRole('button', { name: 'Put the solution in the editor' }).click();
  expect(held.requested()).toBe(true);
  held.release();
  await waitForEditor(root);
  await expect(liveCode(root)).toContainText('for (const word of words) console');
  await expect(root.locator('[data-sandbox-solution]')).toHaveAttribute('open', '');
});

test('the Node tab shows the Node counterpart and what the project’s Node prints', async ({
  page,
}) => {
  await page.goto(`${PAGE}#${ID}`);
  const root = sandbox(page, ID);
  await root.getByRole('tab', { name: 'Node' }).click();
  const panel = root.locator('[data-sandbox-node]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('node (Node 24) prints');
  await expect(panel).toContainText('node v24');
  await expect(panel).toHaveAttribute('aria-label', /^The same in Node: /);
});
