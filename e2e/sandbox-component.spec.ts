/**
 * The Sandbox component as readers meet it: server-rendered code and expected
 * output, a lazily loaded editor, Run / Stop / Reset, theme, phone layout,
 * keyboard use, and the "differs from expected" hint.
 */
import { expect, test } from './fixtures';
import {
  appendLine,
  openSandbox,
  runSandbox,
  sandbox,
  transcript,
  waitForState,
} from './support/sandbox';

const FIXTURES = 'fixtures/runtime/';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a sandbox shows highlighted code per file and the expected output', async ({ page }) => {
    await page.goto(FIXTURES);
    const root = sandbox(page, 'multi-file');
    await expect(root).toHaveAttribute('data-state', 'idle');
    const titles = root.locator('[data-sandbox-static] figcaption');
    await expect(titles).toHaveText(['index.ts', 'lib.ts', 'math.ts']);
    await expect(root.locator('[data-sandbox-static] pre').first()).toContainText(
      "import { greet, VERSION } from './lib';",
    );
    await expect(root.locator('[data-sandbox-expected] pre')).toContainText('hello, sandbox 2');
    await expect(root.getByRole('button', { name: 'Run' })).toBeHidden();
  });

  test('the notation is rendered in friendly form', async ({ page }) => {
    await page.goto(FIXTURES);
    const expected = sandbox(page, 'timing').locator('[data-sandbox-expected] pre');
    await expect(expected).toContainText('concurrent: ≈ 1.015 s');
    await expect(expected).not.toContainText('±');
  });
});

test('no sandbox code loads until a sandbox nears the viewport', async ({ page }) => {
  const editorChunks: string[] = [];
  page.on('request', (request) => {
    // JavaScript only: the editor's small stylesheet may ship with the page.
    if (/(SandboxEditor|mount|sandpack)[^/]*\.m?js$/i.test(new URL(request.url()).pathname)) {
      editorChunks.push(request.url());
    }
  });
  await page.goto('overview/');
  await page.waitForLoadState('networkidle');
  const firstSandbox = page.locator('[data-sandbox]').first();
  const hasSandbox = (await firstSandbox.count()) > 0;
  if (hasSandbox) {
    const box = await firstSandbox.boundingBox();
    const viewport = page.viewportSize();
    expect(
      box && viewport && box.y > viewport.height + 400,
      'the first sandbox starts below the fold',
    ).toBeTruthy();
  }
  expect(editorChunks, 'no editor code before scrolling').toEqual([]);
  await page.goto(FIXTURES);
  await openSandbox(page, 'multi-file');
  expect(editorChunks.length, 'the editor loads once a sandbox is near').toBeGreaterThan(0);
  const otherIdle = await page.locator('[data-sandbox]:not([data-live])').count();
  expect(otherIdle, 'sandboxes far below are still static').toBeGreaterThan(0);
});

test('the runtime warms up for a sandbox in view, not for one merely loaded nearby', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  await expect(root, 'in view, its runtime loads before any Run').toHaveAttribute(
    'data-runtime',
    'ready',
    { timeout: 15_000 },
  );
  await expect(root).toHaveAttribute('data-state', 'idle');
  // Editors also load up to 400 px beyond the viewport; those get no runtime frame.
  const live = await page.locator('[data-sandbox][data-live]').count();
  const runtimeFrames = page.frames().filter((frame) => /\/runtime\/(?:[?#]|$)/.test(frame.url()));
  expect(live, 'editors were loaded beyond the viewport').toBeGreaterThan(1);
  expect(runtimeFrames.length, 'only sandboxes in view have a runtime').toBeLessThan(live);
  expect(runtimeFrames.length).toBeGreaterThan(0);
  const { transcript: text } = await runSandbox(page, 'multi-file');
  expect(text).toContain('hello, sandbox 2');
});

test('edit, run, see the new output and the differs-from-expected hint; Reset restores the code', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  await appendLine(root, "console.log('added by the reader');");
  await expect(root.getByText('edited', { exact: true })).toBeVisible();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  expect(await transcript(root)).toContain('added by the reader');
  const hint = root.locator('[data-sandbox-mismatch]');
  await expect(hint).toContainText('Differs from the expected output at line 4');
  await expect(hint).toContainText('added by the reader');

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Discard your changes');
    void dialog.accept();
  });
  await root.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(root.locator('.cm-content')).not.toContainText('added by the reader');
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  await expect(hint).toBeHidden();
});

test('Stop ends a running program and the status says so', async ({ page }) => {
  await page.goto(FIXTURES);
  const { state } = await runSandbox(page, 'ticking', { stopAfter: 300 });
  expect(state).toBe('stopped');
  await expect(sandbox(page, 'ticking').locator('.sandbox-status')).toContainText('Stopped after');
});

test('a long run shows a running indicator with elapsed time', async ({ page }) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'timing');
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(root.locator('.sandbox-status')).toContainText(/Running [1-9]\.\d s/, {
    timeout: 5_000,
  });
  await root.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForState(root, ['stopped'], 5_000);
});

test('the editor and output follow the Starlight theme live', async ({ page }) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  const select = page.getByRole('combobox', { name: 'Select theme' }).first();
  const editorBackground = () =>
    root
      .locator('.sp-wrapper')
      .evaluate(
        (el) => getComputedStyle(el.querySelector('.sp-code-editor') ?? el).backgroundColor,
      );
  await select.selectOption('light');
  const light = await editorBackground();
  await select.selectOption('dark');
  await expect.poll(editorBackground).not.toBe(light);
});

test('keyboard: Escape leaves the editor for the Run button, and the output is a log', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  await root.locator('.cm-content').click();
  await page.keyboard.press('Escape');
  await expect(root.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await expect(root.getByRole('log')).toHaveAccessibleName('Output');
});

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the editor sits above the output and nothing overflows', async ({ page }) => {
    await page.goto(FIXTURES);
    const { state } = await runSandbox(page, 'multi-file');
    expect(state).toBe('done');
    const root = sandbox(page, 'multi-file');
    const editor = await root.locator('.sandbox-editor').boundingBox();
    const output = await root.getByRole('log').boundingBox();
    expect(editor && output && editor.y + editor.height <= output.y).toBeTruthy();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'no horizontal scrolling of the page').toBeLessThanOrEqual(0);
  });
});

test('opening page/#sandbox-id scrolls to that sandbox and loads it', async ({ page }) => {
  await page.goto(`${FIXTURES}#worker-pool`);
  const root = sandbox(page, 'worker-pool');
  await expect(root).toBeInViewport();
  await expect(root.locator('.sandbox-cell')).toBeVisible();
});

test('pressing Run before the editor has loaded loads it and runs the program once', async ({
  page,
}) => {
  // Hold the editor's code back until the click has landed, so the press
  // really happens before the editor exists (scrolling the button into view
  // would otherwise start loading it and race the click).
  let releaseEditor = (): void => undefined;
  const editorHeld = new Promise<void>((resolve) => {
    releaseEditor = resolve;
  });
  let editorRequested = false;
  await page.route(/\/_astro\/mount\.[^/]+\.js$/, async (route) => {
    editorRequested = true;
    await editorHeld;
    await route.continue();
  });
  await page.goto(FIXTURES);
  const root = sandbox(page, 'web-apis');
  await expect(root.locator('[data-sandbox-activate]')).toBeVisible();
  await root.locator('[data-sandbox-activate]').click();
  await expect(root).toHaveAttribute('data-run-requested', 'true');
  await expect.poll(() => editorRequested, { message: 'the press asks for the editor' }).toBe(true);
  await expect(root.locator('.sandbox-cell')).toHaveCount(0);
  releaseEditor();
  await waitForState(root, ['done'], 20_000);
  expect(await transcript(root)).toContain('sync → microtask → promise → timeout');
  // Nothing keeps reloading the runtime afterwards.
  const frames = page.frames().filter((frame) => frame.url().includes('/runtime/')).length;
  await page.waitForTimeout(1000);
  expect(page.frames().filter((frame) => frame.url().includes('/runtime/')).length).toBe(frames);
  await expect(root).toHaveAttribute('data-state', 'done');
});
