import { expect, type Locator, type Page } from '@playwright/test';

export const FINISHED = ['done', 'error', 'stopped'];

export function sandbox(page: Page, id: string): Locator {
  return page.locator(`[data-sandbox="${id}"]`);
}

/** Scrolls to a sandbox and waits until its live editor has loaded. */
export async function openSandbox(page: Page, id: string): Promise<Locator> {
  const root = sandbox(page, id);
  await root.scrollIntoViewIfNeeded();
  // Editors load near the viewport once the reader interacts; a pointer move is enough.
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 2);
  await expect(root.locator('.sandbox-cell'), `live editor of ${id} loaded`).toBeVisible({
    timeout: 20_000,
  });
  return root;
}

export async function transcript(root: Locator): Promise<string> {
  return (await root.getByRole('log').innerText()).replace(/\n$/, '');
}

export async function waitForState(
  root: Locator,
  states: string[],
  timeout: number,
): Promise<string> {
  await expect(root).toHaveAttribute('data-state', new RegExp(`^(${states.join('|')})$`), {
    timeout,
  });
  return (await root.getAttribute('data-state')) ?? '';
}

/**
 * Runs a sandbox and returns its transcript once it has finished, or after
 * `stopAfter` ms for programs that run until stopped.
 */
export async function runSandbox(
  page: Page,
  id: string,
  { stopAfter, timeout = 30_000 }: { stopAfter?: number | undefined; timeout?: number } = {},
): Promise<{ state: string; transcript: string }> {
  const root = await openSandbox(page, id);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  if (stopAfter) {
    await waitForState(root, ['running'], 15_000);
    await page.waitForTimeout(stopAfter);
    await root.getByRole('button', { name: 'Stop', exact: true }).click();
  }
  const state = await waitForState(root, FINISHED, timeout);
  return { state, transcript: await transcript(root) };
}

/** Types a new last line into a live sandbox's editor, as a reader would. */
export async function appendLine(root: Locator, line: string): Promise<void> {
  await root.locator('.cm-content').click();
  await root.page().keyboard.press('ControlOrMeta+End');
  await root.page().keyboard.type(`\n${line}`);
}
