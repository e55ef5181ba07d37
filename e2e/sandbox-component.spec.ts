/**
 * The Sandbox component as readers meet it: server-rendered code and expected
 * output, a lazily loaded editor, Run / Stop / Reset, theme, phone layout,
 * keyboard use, and the "differs from expected" hint.
 */
import { expect, test } from './fixtures';
import {
  appendLine,
  holdEditor,
  liveCode,
  openSandbox,
  runSandbox,
  sandbox,
  transcript,
  waitForEditor,
  waitForState,
} from './support/sandbox';

const FIXTURES = 'fixtures/runtime/';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a sandbox shows highlighted code per file and the expected output', async ({ page }) => {
    await page.goto(FIXTURES);
    const root = sandbox(page, 'multi-file');
    await expect(root).toHaveAttribute('data-state', 'idle');
    // Without scripts the file tabs cannot switch: every file is shown, each under its name.
    const files = root.locator('.sandbox-static');
    await expect(files).toHaveCount(3);
    for (const file of await files.all()) await expect(file).toBeVisible();
    const drawnNames = await files.evaluateAll((blocks) =>
      blocks.map((block) => {
        const label = getComputedStyle(block, '::before').content;
        if (label !== 'none' && label !== 'normal') return label.replace(/^"\/?|"$/g, '');
        const tab = document.getElementById(block.getAttribute('aria-labelledby') ?? '');
        return tab?.checkVisibility() ? tab.textContent : null;
      }),
    );
    expect(drawnNames, 'each file is shown under its name').toEqual([
      'index.ts',
      'lib.ts',
      'math.ts',
    ]);
    await expect(files.first()).toContainText("import { greet, VERSION } from './lib';");
    // Highlighted: the code's tokens are coloured spans.
    await expect(files.first().locator('span[class]').first()).toBeVisible();
    await expect(root.locator('[data-sandbox-expected]')).toBeVisible();
    await expect(root.locator('[data-sandbox-expected]')).toContainText('hello, sandbox 2');
    await expect(root.getByRole('button', { name: 'Run' })).toBeHidden();
  });

  test('the notation is rendered in friendly form', async ({ page }) => {
    await page.goto(FIXTURES);
    const expected = sandbox(page, 'timing').locator('[data-sandbox-expected]');
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
  // The runtime page's frames (this page's own path, fixtures/runtime/, is not one).
  const runtimeFrames = page
    .frames()
    .filter((frame) => frame !== page.mainFrame() && /\/runtime\/(?:[?#]|$)/.test(frame.url()));
  expect(live, 'editors were loaded beyond the viewport').toBeGreaterThan(1);
  expect(runtimeFrames.length, 'only sandboxes in view have a runtime').toBeLessThan(live);
  expect(runtimeFrames.length).toBeGreaterThan(0);
  const { transcript: text } = await runSandbox(page, 'multi-file');
  expect(text).toContain('hello, sandbox 2');
});

test('edit, run, see the new output and the differs-from-expected verdict; Reset restores the code, Undo brings the edit back', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const reset = root.getByRole('button', { name: 'Reset', exact: true });
  await expect(reset, 'nothing to reset before an edit').toBeDisabled();
  await appendLine(root, "console.log('added by the reader');");
  await expect(root.getByText('edited', { exact: true })).toBeVisible();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  expect(await transcript(root)).toContain('added by the reader');
  const verdict = root.locator('[data-sandbox-verdict]');
  await expect(verdict).toHaveAttribute('data-sandbox-verdict', 'differs');
  await expect(verdict).toContainText('Line 4 differs from the expected output');
  // The line that differs is marked in the output.
  await expect(root.locator('[data-sandbox-output] [data-mismatch]')).toHaveText(
    'added by the reader',
  );

  // Reset restores at once (no confirmation) and offers Undo, which brings the edit back.
  await reset.click();
  await expect(liveCode(root)).not.toContainText('added by the reader');
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
  const codeState = root.locator('[data-sandbox-codestate]');
  await expect(codeState).toContainText('Original code restored');
  await codeState.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(liveCode(root)).toContainText("console.log('added by the reader');");
  await expect(root.getByText('edited', { exact: true })).toBeVisible();
  await expect(codeState.getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0);

  await reset.click();
  await expect(liveCode(root)).not.toContainText('added by the reader');
  await expect(root.getByText('edited', { exact: true })).toBeHidden();
  await expect(reset).toBeDisabled();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 20_000);
  await expect(verdict).toHaveAttribute('data-sandbox-verdict', 'match');
  await expect(verdict).toContainText('Matches the expected output');
  await expect(root.locator('[data-sandbox-output] [data-mismatch]')).toHaveCount(0);
  expect(dialogs, 'Reset asks nothing').toEqual([]);
});

test('Stop ends a running program and the status says so', async ({ page }) => {
  await page.goto(FIXTURES);
  const { state } = await runSandbox(page, 'ticking', { stopAfter: 300 });
  expect(state).toBe('stopped');
  await expect(sandbox(page, 'ticking').locator('[data-sandbox-status]')).toContainText(
    'Stopped after',
  );
});

test('a long run shows a running indicator with elapsed time', async ({ page }) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'timing');
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(root.locator('[data-sandbox-status]')).toContainText(/Running [1-9]\.\d s/, {
    timeout: 5_000,
  });
  await root.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForState(root, ['stopped'], 5_000);
});

test('the editor and output follow the Starlight theme live', async ({ page }) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  const select = page.getByRole('combobox', { name: 'Select theme' }).first();
  // The colours drawn: the first opaque background behind the code and behind the
  // output (the editor itself is transparent over the sandbox), and their text.
  const colours = () =>
    root.evaluate((element) => {
      const background = (from: Element | null): string => {
        for (let node = from; node; node = node.parentElement) {
          const colour = getComputedStyle(node).backgroundColor;
          if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
        }
        return '';
      };
      const code = element.querySelector('.cm-content .cm-line');
      const output = element.querySelector('[data-sandbox-output]');
      return {
        editor: background(code),
        code: code ? getComputedStyle(code).color : '',
        output: background(output),
        outputText: output ? getComputedStyle(output).color : '',
      };
    });
  await select.selectOption('light');
  const light = await colours();
  await select.selectOption('dark');
  await expect.poll(async () => (await colours()).editor).not.toBe(light.editor);
  const dark = await colours();
  expect(dark.code, 'the code').not.toBe(light.code);
  expect(dark.output, 'the output').not.toBe(light.output);
  expect(dark.outputText, 'the output text').not.toBe(light.outputText);
});

test('keyboard: Escape leaves the editor for the Run button, and the output is a log', async ({
  page,
}) => {
  await page.goto(FIXTURES);
  const root = await openSandbox(page, 'multi-file');
  await liveCode(root).click();
  await page.keyboard.press('Escape');
  await expect(root.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await root.getByRole('tab', { name: 'Output', exact: true }).click();
  await expect(root.getByRole('log')).toHaveAccessibleName(
    'Output of Relative imports, top-level await, import.meta.url',
  );
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
  await waitForEditor(root);
});

test('pressing Run before the editor has loaded runs the program at once, once, and the editor takes over', async ({
  page,
}) => {
  // Hold the editor's code back until the run has finished, so the press
  // really happens before the editor exists (scrolling the button into view
  // would otherwise start loading it and race the click).
  const editor = await holdEditor(page);
  await page.goto(FIXTURES);
  const root = sandbox(page, 'web-apis');
  const run = root.getByRole('button', { name: 'Run', exact: true });
  await expect(run, 'Run is there from the first paint').toBeVisible();
  await expect(root).not.toHaveAttribute('data-live', /.*/);
  await run.click();
  await expect.poll(editor.requested, { message: 'the press asks for the editor' }).toBe(true);
  // The program runs without waiting for the editor.
  await waitForState(root, ['done'], 20_000);
  await expect(liveCode(root)).toHaveCount(0);
  expect(await transcript(root)).toContain('sync → microtask → promise → timeout');
  const output = await transcript(root);

  editor.release();
  await waitForEditor(root);
  // The editor shows the run as it was, and does not run the program again.
  await expect(root).toHaveAttribute('data-state', 'done');
  expect(await transcript(root)).toBe(output);
  expect(output.split('\n').filter((line) => line.includes('sync → microtask')).length).toBe(1);
  // Nothing keeps reloading the runtime afterwards.
  const frames = page.frames().filter((frame) => frame.url().includes('/runtime/')).length;
  await page.waitForTimeout(1000);
  expect(page.frames().filter((frame) => frame.url().includes('/runtime/')).length).toBe(frames);
  await expect(root).toHaveAttribute('data-state', 'done');
  expect(await transcript(root)).toBe(output);
});
