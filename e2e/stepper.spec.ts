/**
 * The stepper: "Step through" records the code on screen in engine262 and
 * walks the recording (DOM contract: `[data-stepper]` in the sandbox root,
 * with `[data-stepper-stack]`, `[data-stepper-microtasks]`,
 * `[data-stepper-tasks]`, `[data-stepper-console]`, `[data-stepper-step]`,
 * and the buttons Step, Step back, Run to end). And the "Predict the
 * order" puzzles on the event-loop page.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures';
import {
  holdEditor,
  liveCode,
  openSandbox,
  runSandbox,
  sandbox,
  transcript,
  waitForEditor,
} from './support/sandbox';

interface ManifestEntry {
  page: string;
  id: string;
  demo: string;
  stepper?: true;
  puzzle?: true;
}

async function manifest(page: Page): Promise<ManifestEntry[]> {
  const response = await page.request.get('sandboxes.json');
  expect(response.ok()).toBe(true);
  return (await response.json()) as ManifestEntry[];
}

const button = (stepper: Locator, name: string): Locator =>
  stepper.getByRole('button', { name, exact: true });

/** Opens the sandbox's stepper and waits for the recording's first step. */
async function openStepper(root: Locator): Promise<Locator> {
  const toggle = root.getByRole('button', { name: 'Step through', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const stepper = root.locator('[data-stepper]');
  await expect(stepper).toBeVisible();
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(/^1 \/ \d+$/, {
    timeout: 30_000,
  });
  return stepper;
}

/** The current step and the total, from the counter ("12 / 57"). */
async function position(stepper: Locator): Promise<{ at: number; of: number }> {
  const text = (await stepper.locator('[data-stepper-step]').textContent()) ?? '';
  const match = /^(\d+) \/ (\d+)$/.exec(text.trim());
  if (!match) throw new Error(`the step counter reads "${text}"`);
  return { at: Number(match[1]), of: Number(match[2]) };
}

/** The console lines printed by the current step, as the program printed them. */
async function stepperLines(stepper: Locator): Promise<string[]> {
  return stepper
    .locator('[data-stepper-console] > *')
    .evaluateAll((lines) => lines.map((line) => (line as HTMLElement).dataset.text ?? ''));
}

async function entries(list: Locator): Promise<string[]> {
  return list.locator(':scope > *').evaluateAll((items) => items.map((item) => item.textContent));
}

async function stepUntil(stepper: Locator, reached: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await reached()) return;
    const { at, of } = await position(stepper);
    if (at >= of) throw new Error('reached the last step without finding it');
    await button(stepper, 'Step').click();
    await expect(stepper.locator('[data-stepper-step]')).toHaveText(`${at + 1} / ${of}`);
  }
}

test('every puzzle: Run to end in the stepper prints what a normal run prints, in the same order', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const puzzles = (await manifest(page)).filter((entry) => entry.puzzle);
  expect(puzzles.length, 'the event-loop page has puzzles').toBeGreaterThanOrEqual(5);
  for (const puzzle of puzzles) {
    expect(puzzle.stepper, `${puzzle.id} can be stepped through`).toBe(true);
    await page.goto(puzzle.page);
    const { state, transcript: normal } = await runSandbox(page, puzzle.id);
    expect(state).toBe('done');
    const stepper = await openStepper(sandbox(page, puzzle.id));
    await button(stepper, 'Run to end').click();
    const { at, of } = await position(stepper);
    expect(at, `${puzzle.id}: Run to end goes to the last step`).toBe(of);
    await expect(stepper).toHaveAttribute('data-step-kind', 'end');
    expect((await stepperLines(stepper)).join('\n'), puzzle.id).toBe(normal);
  }
});

test('the order demo: where the script has finished, the microtask queue holds what V8 runs next, in its order', async ({
  page,
}) => {
  await page.goto('event-loop/');
  const root = await openSandbox(page, 'order');
  const stepper = await openStepper(root);
  await stepUntil(
    stepper,
    async () =>
      (await stepper.getAttribute('data-step-kind')) === 'finish' &&
      (await stepper.getAttribute('data-step-turn')) === 'script',
  );
  expect(await stepperLines(stepper)).toEqual([
    '1. sync: the script starts',
    '2. sync: an async function runs at once, up to its first await',
    '3. sync: the script ends; only now do queued callbacks run',
  ]);
  const queued = await entries(stepper.locator('[data-stepper-microtasks]'));
  expect(queued).toHaveLength(3);
  // V8 runs them as the demo's lines 4, 5, 6 say (its expected output, checked by sandboxes.spec).
  expect(queued[0]).toMatch(/queueMicrotask/);
  expect(queued[1]).toMatch(/then/);
  expect(queued[2]).toMatch(/resum\w* task after await/i);
  expect(queued[2]).toMatch(/NewPromiseReactionJob/);
  expect(await entries(stepper.locator('[data-stepper-tasks]'))).toEqual([
    expect.stringMatching(/setTimeout 0 ms/),
  ]);
  await expect(stepper.locator('[data-stepper-stack] > *')).toHaveCount(0);
  // The rest runs as V8 runs it.
  await button(stepper, 'Run to end').click();
  expect((await stepperLines(stepper)).join('\n')).toBe(
    [
      '1. sync: the script starts',
      '2. sync: an async function runs at once, up to its first await',
      '3. sync: the script ends; only now do queued callbacks run',
      '4. microtask: queueMicrotask callback',
      "5. microtask: .then callback got 'value'",
      '6. microtask: the rest of the async function, after await',
      '7. timer: setTimeout(…, 0) waits for the microtasks',
    ].join('\n'),
  );
});

test('N steps forward and N back show exactly the step it started from, in the panel and the editor', async ({
  page,
}) => {
  await page.goto('event-loop/');
  const root = await openSandbox(page, 'order');
  const stepper = await openStepper(root);
  for (let i = 0; i < 4; i++) await button(stepper, 'Step').click();
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(/^5 \/ \d+$/);
  const snapshot = async () => ({
    panel: await stepper.evaluate((element) => element.innerHTML),
    lines: await root.locator('.cm-stepLine').allTextContents(),
  });
  const start = await snapshot();
  expect(start.lines, 'the editor marks the line about to run').toEqual([
    expect.stringContaining('void task();'),
  ]);
  const n = 12;
  for (let i = 0; i < n; i++) await button(stepper, 'Step').click();
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(
    `${5 + n} / ${(await position(stepper)).of}`,
  );
  expect((await snapshot()).panel).not.toBe(start.panel);
  for (let i = 0; i < n; i++) await button(stepper, 'Step back').click();
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(/^5 \/ \d+$/);
  expect(await snapshot()).toEqual(start);
  await expect(root.locator('.cm-stepLine')).toHaveCount(1);
});

test('the stepper says what it cannot do: too long, a missing host API, a syntax error', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('event-loop/');
  const root = await openSandbox(page, 'order');
  const cases: [string, RegExp][] = [
    ['while (true) {}', /too long to step through.*run it normally/i],
    ["await fetch('data.json');", /does not provide `?fetch`?/],
    ['const x = ;', /SyntaxError/],
  ];
  for (const [code, message] of cases) {
    await liveCode(root).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(`console.log('before');\n${code}\nexport {};\n`);
    const toggle = root.getByRole('button', { name: 'Step through', exact: true });
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
    await toggle.click();
    const stepper = root.locator('[data-stepper]');
    await expect(stepper, code).toContainText(message, { timeout: 30_000 });
    // The sandbox itself still works.
    await expect(root.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  }
});

test('Step through before the editor has loaded opens the stepper once the editor is live', async ({
  page,
}) => {
  const editor = await holdEditor(page);
  const stepperRequests: string[] = [];
  page.on('request', (request) => {
    if (/stepper-(view|worker)/.test(request.url())) stepperRequests.push(request.url());
  });
  await page.goto('event-loop/');
  const root = sandbox(page, 'order');
  await expect(root).not.toHaveAttribute('data-live', /.*/);
  expect(stepperRequests, 'an opened page loads no stepper code').toEqual([]);
  await root.getByRole('button', { name: 'Step through', exact: true }).click();
  const waiting = root.locator('[data-stepper]');
  await expect(waiting, 'the panel opens at once, saying it is loading').toBeVisible();
  expect(await waiting.evaluate((element) => getComputedStyle(element, '::before').content)).toBe(
    '"Loading the stepper…"',
  );
  await expect.poll(editor.requested).toBe(true);
  editor.release();
  await waitForEditor(root);
  await openStepper(root);
  expect(stepperRequests.some((url) => url.includes('stepper-view'))).toBe(true);
  expect(stepperRequests.some((url) => url.includes('stepper-worker'))).toBe(true);
});

test('keyboard: shortcuts inside the panel step, and each step is announced', async ({ page }) => {
  await page.goto('event-loop/');
  const root = await openSandbox(page, 'order');
  const stepper = await openStepper(root);
  await button(stepper, 'Step').focus();
  await page.keyboard.press('ArrowRight');
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(/^2 \/ \d+$/);
  await page.keyboard.press('ArrowLeft');
  await expect(stepper.locator('[data-stepper-step]')).toHaveText(/^1 \/ \d+$/);
  await page.keyboard.press('End');
  const { at, of } = await position(stepper);
  expect(at).toBe(of);
  await expect(stepper.getByRole('status')).toHaveText(/finished/i);
  // Typing in the editor does not step.
  await liveCode(root).click();
  await page.keyboard.press('ArrowLeft');
  expect((await position(stepper)).at).toBe(of);
  // The program's output stays the sandbox's only log.
  await expect(root.getByRole('log', { includeHidden: true })).toHaveCount(1);
});

test('a puzzle checks the guess, on the server render and in the live editor', async ({ page }) => {
  const editor = await holdEditor(page);
  await page.goto('event-loop/');
  const root = sandbox(page, 'puzzle-classic');
  const input = root.getByRole('textbox', { name: /predict the order/i });
  const result = root.locator('[data-puzzle-result]');
  await input.fill('A B C D E');
  await input.press('Enter');
  await expect(result).toHaveText(/^Not quite: your first line is right, but line 2 is not B/);
  await expect(result).toHaveAttribute('data-puzzle-result', 'wrong');
  editor.release();
  await waitForEditor(root);
  // The guess and its verdict carry over to the live editor.
  await expect(input).toHaveValue('A B C D E');
  await expect(result).toHaveAttribute('data-puzzle-result', 'wrong');
  await input.fill('a e c d b');
  await root.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(result).toHaveText(/^Right: A E C D B\./);
  // And the program agrees.
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(async () => (await transcript(root)).split('\n').map((line) => line.split(' ')[0]))
    .toEqual(['A', 'E', 'C', 'D', 'B']);
});
