import { expect, type Locator, type Page } from '@playwright/test';

export const FINISHED = ['done', 'error', 'stopped'];

export function sandbox(page: Page, id: string): Locator {
  return page.locator(`[data-sandbox="${id}"]`);
}

/**
 * The live editor's editable code. The server render draws the same
 * CodeMirror markup (`.cm-content`), static; only the live editor's is editable.
 */
export function liveCode(root: Locator): Locator {
  return root.locator('[data-sandbox-editor] .cm-content[contenteditable="true"]');
}

/** Waits until the sandbox's live editor has replaced the server render. */
export async function waitForEditor(
  root: Locator,
  timeout = 20_000,
  message = 'live editor loaded',
): Promise<void> {
  await expect(liveCode(root), message).toBeVisible({ timeout });
  await expect(root).toHaveAttribute('data-live', 'true');
}

/** Scrolls to a sandbox and waits until its live editor has loaded. */
export async function openSandbox(page: Page, id: string): Promise<Locator> {
  const root = sandbox(page, id);
  await root.scrollIntoViewIfNeeded();
  // Editors load near the viewport once the reader interacts; a pointer move is enough.
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 2);
  await waitForEditor(root, 20_000, `live editor of ${id} loaded`);
  return root;
}

/** Opens the Share menu and picks one of its items ("Copy link", "Embed in a course page", …). */
export async function shareMenuItem(root: Locator, name: string): Promise<void> {
  await root.getByRole('button', { name: 'Share', exact: true }).click();
  const menu = root.getByRole('menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name, exact: true }).click();
}

/**
 * The program's output as text: one line per line element of the log
 * (`[data-sandbox-output]`, the sandbox's only role=log), empty before any run.
 * Read whichever output tab is selected.
 */
export async function transcript(root: Locator): Promise<string> {
  const log = root.getByRole('log', { includeHidden: true });
  return log.evaluate((element) =>
    [...element.querySelectorAll('.sandbox-line')]
      // An empty line is drawn as a zero-width space, so it keeps its height.
      .map((line) => line.textContent.replace(/^\u200b$/, ''))
      .join('\n'),
  );
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

/** Opens an exercise's solution and puts it in the editor, as a reader would; waits until it is there. */
export async function putSolution(page: Page, id: string): Promise<void> {
  const root = await openSandbox(page, id);
  const solution = root.locator('[data-sandbox-solution]');
  if (!(await solution.evaluate((el) => (el as HTMLDetailsElement).open))) {
    await solution.locator('summary').click();
  }
  const first = (await solution.locator('.sandbox-solution-code').first().innerText()).trim();
  await solution.getByRole('button', { name: 'Put the solution in the editor' }).click();
  await expect(root.locator('[data-sandbox-codestate]')).toContainText(/edited/i);
  const firstLine = first.split('\n')[0] ?? '';
  await expect(liveCode(root)).toContainText(firstLine);
}

/** Types a new last line into a live sandbox's editor, as a reader would. */
export async function appendLine(root: Locator, line: string): Promise<void> {
  await liveCode(root).click();
  await root.page().keyboard.press('ControlOrMeta+End');
  await root.page().keyboard.type(`\n${line}`);
}

/**
 * Holds the live editor's code back until `release()`, so presses happen on
 * the server's render; `requested()` says whether a press asked for it.
 */
export async function holdEditor(
  page: Page,
): Promise<{ release: () => void; requested: () => boolean }> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requested = false;
  await page.route(/\/_astro\/mount\.[^/]+\.js$/, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  return { release, requested: () => requested };
}
