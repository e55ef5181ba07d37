/**
 * The benchmarks page's three sandboxes (demos/benchmarks/{io-bound,io-scaled,
 * cpu-bound}) run on the built site in Chromium, as a reader runs them, and
 * the seconds they print read back from their output.
 *
 * `npm run bench -- --only=demo-timings --record-timings` also writes them to
 * src/data/bench-timings.json, with the date and the machine (CPU model and
 * logical cores from os.cpus(), OS, Chromium version): the benchmarks page
 * draws its "measured on" figures from that file.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, release, type } from 'node:os';
import type { Browser, Locator, Page } from '@playwright/test';
import { CONTEXT, DESKTOP, load, report, table } from './shared.ts';

const PAGE = '/benchmarks/';
const OUTPUT = new URL('../../src/data/bench-timings.json', import.meta.url);
const RUN_TIMEOUT_MS = 120_000;

/** The sandboxes in page order: their id on the page, their demo, and how many timed rows they print. */
const SANDBOXES = [
  { id: 'io-ten-tasks', demo: 'io-bound', rows: 5 },
  { id: 'io-hundred-tasks', demo: 'io-scaled', rows: 2 },
  { id: 'cpu-four-tasks', demo: 'cpu-bound', rows: 4 },
] as const;

type Demo = (typeof SANDBOXES)[number]['demo'];

export interface TimedRow {
  /** The row's label as printed: "async, limit 5", "pool of 2 workers", "limit 10". */
  label: string;
  seconds: number;
  /** io-scaled only: the ⌈n / k⌉ × t the program printed beside the measurement. */
  predicted?: number;
}

export interface DemoRun {
  id: string;
  /** The output's first line, which says what was run. */
  title: string;
  rows: TimedRow[];
  /** Every line printed, as printed. */
  output: string[];
}

export interface BenchTimings {
  /** The day of the run, YYYY-MM-DD (UTC). */
  date: string;
  machine: { cpu: string; cores: number; os: string; chromium: string };
  /** The 1-minute load average when the runs started: how busy the machine was. */
  load: string;
  runs: Record<Demo, DemoRun>;
}

/** "async, limit 5            2.01 s" and "limit 10   measured 1.00 s, predicted ⌈100/10⌉ × 0.1 s = 1.00 s". */
export function parseRows(lines: string[]): TimedRow[] {
  const rows: TimedRow[] = [];
  for (const line of lines) {
    const scaled = /^(limit \d+)\s+measured (\d+\.\d+) s, predicted .*= (\d+\.\d+) s$/.exec(line);
    if (scaled) {
      rows.push({
        label: scaled[1] ?? '',
        seconds: Number(scaled[2]),
        predicted: Number(scaled[3]),
      });
      continue;
    }
    const timed = /^(\S.*?)\s+(\d+\.\d+) s$/.exec(line);
    if (timed) rows.push({ label: timed[1] ?? '', seconds: Number(timed[2]) });
  }
  return rows;
}

/** Scrolls to a sandbox as a reader would, waits for its live editor, runs it, returns its lines. */
async function runSandbox(page: Page, id: string): Promise<string[]> {
  const root: Locator = page.locator(`[data-sandbox="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 2);
  await root.and(page.locator('[data-live]')).waitFor({ timeout: 30_000 });
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(
    (id) =>
      ['done', 'error', 'stopped'].includes(
        document.querySelector<HTMLElement>(`[data-sandbox="${id}"]`)?.dataset.state ?? '',
      ),
    id,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
  const state = await root.getAttribute('data-state');
  const lines = await root
    .locator('[data-sandbox-output] .sandbox-line')
    .evaluateAll((elements) => elements.map((line) => line.textContent.replace(/^\u200b$/, '')));
  if (state !== 'done') {
    throw new Error(`sandbox #${id} ended "${state ?? '?'}":\n${lines.join('\n')}`);
  }
  return lines;
}

export async function benchDemoTimings(browser: Browser): Promise<void> {
  const record = process.argv.includes('--record-timings');
  const startLoad = load();
  const context = await browser.newContext({ ...CONTEXT, viewport: DESKTOP });
  const runs: Partial<Record<Demo, DemoRun>> = {};
  try {
    const page = await context.newPage();
    await page.goto(PAGE);
    for (const { id, demo, rows: expected } of SANDBOXES) {
      const output = await runSandbox(page, id);
      const rows = parseRows(output);
      if (rows.length !== expected) {
        throw new Error(
          `sandbox #${id} printed ${String(rows.length)} timed rows, not ${String(expected)}:\n${output.join('\n')}`,
        );
      }
      runs[demo] = { id, title: output[0] ?? '', rows, output };
      for (const row of rows) {
        const predicted = row.predicted === undefined ? '' : ` (predicted ${row.predicted} s)`;
        report(`Demo ${demo}: ${row.label}`, `${row.seconds.toFixed(2)} s${predicted}`);
      }
    }
  } finally {
    await context.close();
  }

  const first = cpus()[0];
  const timings: BenchTimings = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cpu: (first?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
      cores: cpus().length,
      os: `${type()} ${release()} (${arch()})`,
      chromium: browser.version(),
    },
    load: startLoad,
    runs: runs as Record<Demo, DemoRun>,
  };
  table(
    `The benchmarks page's sandboxes, run on the build (${PAGE})`,
    ['Demo', 'Row', 'Seconds', 'Predicted'],
    SANDBOXES.flatMap(({ demo }) =>
      (runs[demo]?.rows ?? []).map((row) => [
        demo,
        row.label,
        row.seconds.toFixed(2),
        row.predicted === undefined ? '' : row.predicted.toFixed(2),
      ]),
    ),
    [
      `One run of each sandbox, in page order, in one context at ${String(DESKTOP.width)}×${String(DESKTOP.height)}: scrolled into view, its live editor awaited, Run pressed, its output read when it was done.`,
      `Machine: ${timings.machine.cpu}, ${String(timings.machine.cores)} logical cores, ${timings.machine.os}, Chromium ${timings.machine.chromium}; load average at the start ${startLoad}.`,
      record
        ? `Recorded in src/data/bench-timings.json (${timings.date}).`
        : 'Not recorded: add --record-timings to write src/data/bench-timings.json.',
    ],
  );
  if (record) writeFileSync(OUTPUT, `${JSON.stringify(timings, null, 2)}\n`);
}
