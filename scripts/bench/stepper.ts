/**
 * What the stepper costs a reader:
 *  - "Step through" pressed → the first step on screen, in the real page:
 *    cold (a fresh browser context: the view's chunk, the worker bundle and
 *    engine262's start) and warm (closed and opened again: a prepared worker);
 *  - for every stepper demo, on the runtime page driven directly
 *    (`sandbox/step`): the recording's length and the time it took in the
 *    worker, and the answer's round trip;
 *  - what the stepper loads, gzip: its view chunk and its worker bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import type { SandpackModules, StepTrace } from '../../src/runtime/protocol.ts';
import { DistGraph } from '../dist-graph.ts';
import { modulesOf, openRuntime } from './runtime-page.ts';
import { CONTEXT, DESKTOP, kb, load, median, ms, report, spread, table } from './shared.ts';

const COLD_RUNS = 5;
const WARM_RUNS = 5;
const RECORDINGS = 5;
const SETTLE_MS = 600;

function stepperDemos(): string[] {
  const demos: string[] = [];
  for (const chapter of readdirSync('demos', { withFileTypes: true })) {
    if (!chapter.isDirectory()) continue;
    for (const name of readdirSync(join('demos', chapter.name))) {
      const settings = join('demos', chapter.name, name, 'sandbox.json');
      try {
        if ((JSON.parse(readFileSync(settings, 'utf8')) as { stepper?: boolean }).stepper) {
          demos.push(`${chapter.name}/${name}`);
        }
      } catch {
        // No sandbox.json: not a stepper demo.
      }
    }
  }
  return demos.sort();
}

/** "Step through" on the event-loop page's `order` sandbox until its first step shows. */
async function pressStepThrough(page: Page): Promise<number> {
  const root = page.locator('[data-sandbox="order"]');
  const button = root.getByRole('button', { name: 'Step through', exact: true });
  const started = await page.evaluate(() => performance.now());
  await button.click();
  await root
    .locator('[data-stepper-step]')
    .filter({ hasText: /^1 \/ \d+$/ })
    .waitFor();
  return (await page.evaluate(() => performance.now())) - started;
}

async function firstStep(browser: Browser): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext({ ...CONTEXT, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto('/event-loop/#order');
    const root = page.locator('[data-sandbox="order"]');
    await root.locator('[data-sandbox-editor] .cm-content[contenteditable="true"]').waitFor();
    await root.and(page.locator('[data-runtime="ready"]')).waitFor();
    cold.push(await pressStepThrough(page));
    if (i === 0) {
      for (let j = 0; j < WARM_RUNS; j++) {
        // Closed, then opened again: it records the code once more, on the prepared worker.
        await root.getByRole('button', { name: 'Step through', exact: true }).click();
        await page.waitForTimeout(300);
        warm.push(await pressStepThrough(page));
      }
    }
    await context.close();
  }
  return { cold, warm };
}

async function record(
  page: Page,
  modules: SandpackModules,
  id: number,
): Promise<{ trace: StepTrace; roundTrip: number }> {
  return page.evaluate(
    ({ modules, id }) =>
      new Promise<{ trace: StepTrace; roundTrip: number }>((resolve) => {
        const { benchFrame: frame, benchChannel: channel } = globalThis as unknown as {
          benchFrame: HTMLIFrameElement;
          benchChannel: number;
        };
        const started = performance.now();
        const onMessage = (event: MessageEvent<Record<string, unknown>>): void => {
          const message = event.data;
          if (event.source !== frame.contentWindow || message.type !== 'sandbox/steps') return;
          if (message.id !== id) return;
          removeEventListener('message', onMessage);
          resolve({ trace: message.trace as StepTrace, roundTrip: performance.now() - started });
        };
        addEventListener('message', onMessage);
        frame.contentWindow?.postMessage(
          { type: 'sandbox/step', id, modules, codesandbox: true, $id: channel },
          location.origin,
        );
      }),
    { modules, id },
  );
}

async function recordings(browser: Browser): Promise<string[][]> {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await openRuntime(page, 4343);
  const rows: string[][] = [];
  let id = 0;
  for (const demo of stepperDemos()) {
    const modules = modulesOf(demo);
    const runs: { trace: StepTrace; roundTrip: number }[] = [];
    for (let i = 0; i < RECORDINGS; i++) {
      runs.push(await record(page, modules, ++id));
      // A reader reads a step before recording again: the spare worker gets ready meanwhile.
      await page.waitForTimeout(SETTLE_MS);
    }
    const [first] = runs;
    if (!first) continue;
    if (first.trace.end.kind !== 'done') {
      throw new Error(`${demo}: the stepper ended with ${JSON.stringify(first.trace.end)}`);
    }
    const json = JSON.stringify(first.trace).length;
    rows.push([
      demo,
      String(first.trace.steps.length),
      String(first.trace.jobs.length),
      String(first.trace.tasks.length),
      spread(
        runs.map((run) => run.trace.recordMs),
        ms,
      ),
      spread(
        runs.slice(1).map((run) => run.roundTrip),
        ms,
      ),
      kb(json),
    ]);
  }
  await context.close();
  return rows;
}

function weights(): void {
  const graph = new DistGraph(process.env.OUT_DIR ?? 'dist');
  const gz = (files: string[]): number =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  const page = graph.pages().find((path) => path.startsWith('event-loop/'));
  const view = page
    ? graph.lazyChunks(graph.staticClosure(graph.pageScripts(page).external)).get('stepper-view')
    : undefined;
  report('stepper view chunk (gzip)', view ? kb(gz(view)) : 'not found', '', view !== undefined);
  const frame = [...graph.fullClosure(graph.pageScripts('runtime/').external)];
  const worker = frame.filter((file) => basename(file).startsWith('stepper-worker-'));
  report(
    'stepper worker bundle, engine262 (gzip)',
    worker.length === 1 ? kb(gz(worker)) : 'not found',
    '',
    worker.length === 1,
  );
}

export async function benchStepper(browser: Browser): Promise<void> {
  const { cold, warm } = await firstStep(browser);
  report('"Step through" → first step, cold (median)', ms(median(cold)));
  report('"Step through" → first step, warm (median)', ms(median(warm)));
  table(
    'Step through: from the press to the first step on screen (event-loop/order)',
    ['Start', 'Runs', 'Median (min–max)'],
    [
      ['cold: fresh browser context', String(cold.length), spread(cold, ms)],
      ['warm: closed and opened again', String(warm.length), spread(warm, ms)],
    ],
    [
      'Cold loads the view chunk and the worker bundle and starts engine262; warm records again on the worker prepared after the previous recording.',
      `Machine load at the end: ${load()}.`,
    ],
  );
  table(
    'Stepper recordings, per stepper demo',
    [
      'Demo',
      'Steps',
      'Microtasks',
      'Tasks',
      'Recording (worker)',
      'Round trip, warm',
      'Trace JSON',
    ],
    await recordings(browser),
    [
      `${RECORDINGS} recordings each on the runtime page driven directly (sandbox/step), ${SETTLE_MS} ms apart (the spare worker loads meanwhile); median (min–max). The round trip adds compiling, the messages and engine262's start; the first recording (cold) is left out of it.`,
    ],
  );
  weights();
}
