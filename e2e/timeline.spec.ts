/**
 * The Timeline: every run records a trace, and a sandbox draws it on
 * request (DOM contract: `[data-timeline]` in the sandbox root, items with
 * `data-lane`, `data-kind`, `data-start`, `data-end`, `data-pending`,
 * `data-to`). The tests of this file run one after another in one worker
 * (no test of it loads the machine while another measures time); their
 * timing checks have tolerances for the other worker's load.
 */
import { expect, type Locator } from '@playwright/test';
import { pagePaths, test } from './fixtures';
import {
  FINISHED,
  holdEditor,
  liveCode,
  openSandbox,
  runSandbox,
  sandbox,
  waitForEditor,
  waitForState,
} from './support/sandbox';

interface Bar {
  lane: string;
  kind: string;
  start: number;
  end: number;
  pending: boolean;
  to: string | null;
  /** The item's accessible name: its label and times. */
  name: string;
}

async function openTimeline(root: Locator): Promise<Locator> {
  const button = root.getByRole('button', { name: 'Timeline', exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const timeline = root.locator('[data-timeline]');
  await expect(timeline).toBeVisible();
  return timeline;
}

async function bars(timeline: Locator): Promise<Bar[]> {
  await expect(timeline.locator('[data-kind]').first()).toBeAttached({ timeout: 10_000 });
  return timeline.locator('[data-kind]').evaluateAll((elements) =>
    elements.map((element) => {
      const data = (element as SVGElement).dataset;
      return {
        lane: data.lane ?? '',
        kind: data.kind ?? '',
        start: Number(data.start),
        end: Number(data.end),
        pending: data.pending !== undefined,
        to: data.to ?? null,
        name: element.getAttribute('aria-label') ?? '',
      };
    }),
  );
}

const timers = (all: Bar[], lane = 'main'): Bar[] =>
  all.filter((bar) => bar.kind === 'timer' && bar.lane === lane).sort((a, b) => a.start - b.start);

test('await in a loop: five 1 s timers, end to end', async ({ page }) => {
  await page.goto('sync-vs-async/');
  const { state } = await runSandbox(page, 'await-in-loop');
  expect(state).toBe('done');
  const timeline = await openTimeline(sandbox(page, 'await-in-loop'));
  const sleeps = timers(await bars(timeline));
  expect(sleeps).toHaveLength(5);
  sleeps.forEach((bar, i) => {
    expect(bar.end - bar.start, `timer ${i} lasts about 1 s`).toBeGreaterThanOrEqual(995);
    expect(bar.end - bar.start).toBeLessThan(1300);
    const next = sleeps[i + 1];
    if (!next) return;
    expect(next.start, `timer ${i + 1} starts after timer ${i} ends`).toBeGreaterThanOrEqual(
      bar.end - 0.5,
    );
    expect(next.start - bar.end, `timer ${i + 1} starts right after timer ${i}`).toBeLessThan(100);
  });
  // The bars' geometry follows their times: left to right, no two on top of each other.
  const boxes = await timeline
    .locator('[data-kind="timer"] rect')
    .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
  const rows = new Set(boxes.map((box) => Math.round(box.y)));
  expect(rows.size, 'one row: nothing overlaps').toBe(1);
});

test('Promise.all: the five timers overlap', async ({ page }) => {
  await page.goto('sync-vs-async/');
  await runSandbox(page, 'gather');
  const timeline = await openTimeline(sandbox(page, 'gather'));
  const sleeps = timers(await bars(timeline));
  expect(sleeps).toHaveLength(5);
  const lastStart = Math.max(...sleeps.map((bar) => bar.start));
  const firstEnd = Math.min(...sleeps.map((bar) => bar.end));
  expect(lastStart, 'every timer starts before any ends').toBeLessThan(firstEnd);
  expect(lastStart - (sleeps[0]?.start ?? 0)).toBeLessThan(100);
});

test('the worker pool: two worker lanes busy at the same time, and messages between lanes', async ({
  page,
}) => {
  await page.goto('parallelism/');
  const { state } = await runSandbox(page, 'worker-pool', { timeout: 60_000 });
  expect(state).toBe('done');
  const timeline = await openTimeline(sandbox(page, 'worker-pool'));
  const all = await bars(timeline);
  const busy = all.filter((bar) => bar.kind === 'busy' && bar.lane.startsWith('worker '));
  const overlapping = busy.some((a) =>
    busy.some((b) => a.lane !== b.lane && a.start < b.end && b.start < a.end),
  );
  expect(overlapping, 'two workers computing at once').toBe(true);
  const messages = all.filter((bar) => bar.kind === 'message');
  expect(messages.some((m) => m.lane === 'main' && m.to?.startsWith('worker '))).toBe(true);
  expect(messages.some((m) => m.lane.startsWith('worker ') && m.to === 'main')).toBe(true);
});

test('the blocked interval: one long busy block, and no tick inside it', async ({ page }) => {
  await page.goto('event-loop/');
  await runSandbox(page, 'blocked-interval');
  const timeline = await openTimeline(sandbox(page, 'blocked-interval'));
  const all = await bars(timeline);
  const block = all.find((bar) => bar.kind === 'busy' && bar.end - bar.start >= 950);
  expect(block, 'a busy slice of about a second').toBeDefined();
  // The program's own lines: "tick N at …", and "busy loop starts/ends at …" at the block's edges.
  const ticks = all
    .filter((bar) => bar.kind === 'log' && bar.name.startsWith('tick '))
    .sort((a, b) => a.start - b.start);
  expect(ticks).toHaveLength(4);
  if (!block) return;
  const inside = ticks.filter((mark) => mark.start > block.start && mark.start < block.end);
  expect(inside, 'no tick while the thread was blocked').toEqual([]);
  const gaps = ticks.slice(1).map((tick, i) => tick.start - (ticks[i]?.start ?? 0));
  expect(Math.max(...gaps), 'the ticks missed while blocked').toBeGreaterThan(900);
});

test('a timer pending at Stop ends at the stop time and says so', async ({ page }) => {
  await page.goto('fixtures/runtime/');
  const root = await openSandbox(page, 'ticking');
  const timeline = await openTimeline(root);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['running'], 15_000);
  // Drawn while it runs.
  await expect(timeline.locator('[data-kind="busy"]').first()).toBeAttached({ timeout: 10_000 });
  await page.waitForTimeout(800);
  await root.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForState(root, FINISHED, 10_000);
  await expect(timeline.locator('.tl-status')).not.toContainText('recording');
  const all = await bars(timeline);
  const pending = all.filter((bar) => bar.pending && bar.kind === 'timer');
  expect(pending.length, 'the interval’s current period').toBeGreaterThanOrEqual(1);
  const latest = Math.max(...all.map((bar) => bar.end));
  for (const bar of pending) expect(bar.end).toBeCloseTo(latest, 0);
  expect(all.some((bar) => bar.lane === 'worker 1' && bar.kind === 'busy')).toBe(true);
});

test('a run started before the editor loaded gets its timeline, and keeps it when the editor takes over', async ({
  page,
}) => {
  // The editor's code is held back, so Run and Timeline are pressed on the server's render.
  const editor = await holdEditor(page);
  await page.goto('sync-vs-async/');
  const root = sandbox(page, 'gather');
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  const timeline = await openTimeline(root);
  await waitForState(root, ['done'], 20_000);
  await expect(root).toHaveAttribute('data-quick-run', 'true');
  await expect(root).not.toHaveAttribute('data-live', /.*/);
  await expect(timeline.locator('[data-kind="timer"]')).toHaveCount(5, { timeout: 10_000 });
  const before = await bars(timeline);

  editor.release();
  await waitForEditor(root);
  const after = root.locator('[data-timeline]');
  await expect(after).toBeVisible();
  await expect(root.getByRole('button', { name: 'Timeline', exact: true })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(after.locator('[data-kind="timer"]')).toHaveCount(5);
  expect(timers(await bars(after))).toEqual(timers(before));
});

test('a run with more events than a trace keeps: the timeline says so and stays a readable size', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('fixtures/runtime/');
  const root = await openSandbox(page, 'multi-file');
  await liveCode(root).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(
    "for (let i = 0; i < 15_000; i++) setTimeout(() => undefined, i % 50);\nconsole.log('scheduled');",
  );
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(root, ['done'], 30_000);
  const timeline = await openTimeline(root);
  await expect(timeline.locator('.tl-note')).toContainText(/\d[\d,]* were left out/, {
    timeout: 30_000,
  });
  const count = await timeline.locator('.tl-item').count();
  expect(count).toBeGreaterThan(1000);
  // One item per kept event at most (a span's begin and end make one), and the printed line.
  expect(count).toBeLessThanOrEqual(20_000 + 1);
  const height = (await timeline.locator('svg.tl-svg').first().boundingBox())?.height ?? 0;
  expect(height, 'a bounded number of rows').toBeLessThan(600);
});

test('keyboard: one tab stop, arrows move along a lane, the tip and the name say what and when', async ({
  page,
}) => {
  await page.goto('sync-vs-async/');
  await runSandbox(page, 'await-in-loop');
  const timeline = await openTimeline(sandbox(page, 'await-in-loop'));
  await expect(timeline.locator('[data-kind="timer"]')).toHaveCount(5);
  await expect(timeline.locator('.tl-item[tabindex="0"]')).toHaveCount(1);
  await timeline.locator('.tl-item[tabindex="0"]').focus();
  const first = page.locator(':focus');
  const firstStart = Number(await first.getAttribute('data-start'));
  await page.keyboard.press('ArrowRight');
  const second = page.locator(':focus');
  expect(Number(await second.getAttribute('data-start'))).toBeGreaterThanOrEqual(firstStart);
  await expect(timeline.locator('.tl-item[tabindex="0"]')).toHaveCount(1);
  // Down to the lane's timers and along them: each says its times.
  const timer = timeline.locator('[data-kind="timer"]').first();
  await timer.evaluate((element) => {
    (element as SVGElement).focus();
  });
  await expect(timer).toHaveAccessibleName(/setTimeout 1000 ms: [\d.]+ ms to [\d.]+ ms, 1\d{3} ms/);
  await expect(timeline.locator('.tl-tip')).toBeVisible();
  await expect(timeline.locator('.tl-tip')).toContainText('setTimeout 1000 ms');
  // End: the lane's latest item (its last console line, "Total time taken").
  await page.keyboard.press('End');
  const latest = await timeline
    .locator('[data-lane="main"]')
    .evaluateAll((items) => Math.max(...items.map((i) => Number((i as SVGElement).dataset.start))));
  await expect(page.locator(':focus')).toHaveAttribute('data-start', String(latest));
  await expect(page.locator(':focus')).toHaveAccessibleName(/^Total time taken/);
  const table = timeline.getByRole('table');
  await timeline.getByText('Events as a table').click();
  const timerRows = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'timer', exact: true }) });
  await expect(timerRows).toHaveCount(5);
  await expect(timerRows.first()).toContainText('setTimeout 1000 ms');
});

test('Download trace saves Chrome trace-event JSON of the run', async ({ page }) => {
  await page.goto('sync-vs-async/');
  await runSandbox(page, 'gather');
  const timeline = await openTimeline(sandbox(page, 'gather'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    timeline.getByRole('button', { name: 'Download trace' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('gather-trace.json');
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const trace = JSON.parse(await readFile(path, 'utf8')) as {
    traceEvents: { ph: string; name: string; args?: { name?: string }; cat?: string }[];
  };
  expect(trace.traceEvents.some((e) => e.name === 'thread_name' && e.args?.name === 'main')).toBe(
    true,
  );
  expect(trace.traceEvents.filter((e) => e.ph === 'b' && e.cat === 'timer')).toHaveLength(5);
});

test('every chapter has an authored figure with an accessible name, drawn without scripts', async ({
  browser,
  siteURL,
  request,
}) => {
  const paths = (await pagePaths(request, siteURL)).filter((path) => !path.startsWith('fixtures/'));
  expect(paths.length).toBeGreaterThanOrEqual(9);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(new URL(path, siteURL).href);
    // Code blocks are figures too (Expressive Code's frames): the drawings are `.tl-figure`.
    const figures = page.getByRole('figure').and(page.locator('.tl-figure'));
    expect(await figures.count(), `a figure on /${path}`).toBeGreaterThanOrEqual(1);
    for (const figure of await figures.all()) {
      await expect(figure).toHaveAccessibleName(/\w{3,}/);
      await expect(figure.locator('svg.tl-svg').first()).toBeVisible();
      const box = await figure.locator('svg.tl-svg').first().boundingBox();
      expect(box?.height ?? 0, `the drawing on /${path} has a height`).toBeGreaterThan(20);
    }
  }
  await context.close();
});
