/**
 * What recording a run's trace costs, and what the Timeline weighs:
 *  - the demos that measure themselves (the CPU-bound benchmark, the worker
 *    pool) run with recording and without, interleaved, ≥ 10 times each, on
 *    the runtime page driven directly (`sandbox/run` with `trace: false`);
 *    their own printed timings and the run's wall time, side by side;
 *  - the events and bytes a run's trace has;
 *  - the recorder's CPU time per event, timed in a loop of the real module;
 *  - the JS the Timeline loads when it is opened (gzip).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { transform } from 'sucrase';
import type { SandpackModules } from '../../src/runtime/protocol.ts';
import { DistGraph } from '../dist-graph.ts';
import { modulesOf, openRuntime } from './runtime-page.ts';
import { CONTEXT, kb, load, median, report, spread, table } from './shared.ts';

const RUNS = 10;
const DEMOS = ['benchmarks/cpu-bound', 'parallelism/worker-pool'];

interface RunResult {
  state: string;
  elapsed: number;
  events: number;
  dropped: number;
  bytes: number;
  lines: string[];
}

async function runOnce(page: Page, modules: SandpackModules, trace: boolean): Promise<RunResult> {
  return page.evaluate(
    ({ modules, trace }) =>
      new Promise<RunResult>((resolve) => {
        const { benchFrame: frame, benchChannel: channel } = globalThis as unknown as {
          benchFrame: HTMLIFrameElement;
          benchChannel: number;
        };
        let runId = -1;
        const result: RunResult = {
          state: '',
          elapsed: 0,
          events: 0,
          dropped: 0,
          bytes: 0,
          lines: [],
        };
        const onMessage = (event: MessageEvent<Record<string, unknown>>): void => {
          if (event.source !== frame.contentWindow) return;
          const message = event.data;
          if (message.type === 'sandbox/run-state') {
            runId = Math.max(runId, Number(message.runId));
            if (message.state === 'running') return;
            result.state = String(message.state);
            result.elapsed = Number(message.elapsed);
            removeEventListener('message', onMessage);
            resolve(result);
          } else if (message.type === 'sandbox/trace' && Number(message.runId) >= runId) {
            const events = message.events as unknown[];
            result.events += events.length;
            result.bytes += JSON.stringify(events).length;
            result.dropped = Number(message.dropped);
          } else if (message.type === 'console' && Number(message.runId) >= runId) {
            for (const entry of message.log as { data: [string] }[])
              result.lines.push(entry.data[0]);
          }
        };
        addEventListener('message', onMessage);
        frame.contentWindow?.postMessage(
          { type: 'sandbox/run', modules, trace, codesandbox: true, $id: channel },
          location.origin,
        );
      }),
    { modules, trace },
  );
}

/** The seconds a demo line reports ("main thread, in a loop 1.23 s", "pool of 2 workers: 812 ms"). */
function timing(lines: string[], starts: string): number | undefined {
  const line = lines.find((l) => l.trimStart().startsWith(starts));
  const match = line && /([\d.]+)\s*(ms|s)\b/.exec(line.slice(starts.length));
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

const MEASURED_LINES: Record<string, string[]> = {
  'benchmarks/cpu-bound': ['main thread, in a loop', 'pool of'],
  'parallelism/worker-pool': ['main thread:', 'pool of'],
};

export async function benchTrace(browser: Browser): Promise<void> {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await openRuntime(page, 4242);
  const body: string[][] = [];
  for (const demo of DEMOS) {
    const modules = modulesOf(demo);
    // One run of each first: the runtime's compiler and the JIT warm up.
    await runOnce(page, modules, true);
    await runOnce(page, modules, false);
    const on: RunResult[] = [];
    const off: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, and alternating which goes first, so drift in the machine's load hits both.
      const order = i % 2 === 0 ? [true, false] : [false, true];
      for (const trace of order) (trace ? on : off).push(await runOnce(page, modules, trace));
    }
    const failed = [...on, ...off].filter((r) => r.state !== 'done');
    if (failed.length) throw new Error(`${demo}: ${failed.length} runs did not finish`);
    const events = median(on.map((r) => r.events));
    const wallOn = median(on.map((r) => r.elapsed));
    const wallOff = median(off.map((r) => r.elapsed));
    for (const starts of MEASURED_LINES[demo] ?? []) {
      const with_ = on.map((r) => timing(r.lines, starts)).filter((v) => v !== undefined);
      const without = off.map((r) => timing(r.lines, starts)).filter((v) => v !== undefined);
      body.push([
        demo,
        `"${starts}…" as printed`,
        spread(with_, (v) => `${v.toFixed(0)} ms`),
        spread(without, (v) => `${v.toFixed(0)} ms`),
        `${(((median(with_) - median(without)) / median(without)) * 100).toFixed(1)} %`,
      ]);
    }
    body.push([
      demo,
      'run, wall time',
      spread(
        on.map((r) => r.elapsed),
        (v) => `${v.toFixed(0)} ms`,
      ),
      spread(
        off.map((r) => r.elapsed),
        (v) => `${v.toFixed(0)} ms`,
      ),
      `${(((wallOn - wallOff) / wallOff) * 100).toFixed(1)} %`,
    ]);
    report(`trace of ${demo}: events per run`, events.toFixed(0));
    report(`trace of ${demo}: size per run (JSON)`, kb(median(on.map((r) => r.bytes))));
    report(
      `trace of ${demo}: wall time with recording vs without`,
      `${(wallOn - wallOff).toFixed(0)} ms (${(((wallOn - wallOff) / wallOff) * 100).toFixed(1)} %)`,
    );
  }
  table(
    'Recording the trace: with vs without, interleaved',
    ['Demo', 'Measure', 'With recording', 'Without', 'Difference (medians)'],
    body,
    [
      `${RUNS} runs each way, interleaved, on the runtime page driven directly (sandbox/run with trace: false); median (min–max).`,
      `Machine load at the end: ${load()}.`,
    ],
  );
  await largestTrace(page);
  await context.close();
  await recorderCost();
  timelineWeight();
}

/** Every chapter demo once, recorded: the largest trace a reader's run can have. */
async function largestTrace(page: Page): Promise<void> {
  const chapters = readdirSync('demos', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'fixtures')
    .map((entry) => entry.name);
  const sizes: { demo: string; events: number; bytes: number }[] = [];
  for (const chapter of chapters) {
    for (const name of readdirSync(join('demos', chapter))) {
      const demo = `${chapter}/${name}`;
      const result = await runOnce(page, modulesOf(demo), true);
      sizes.push({ demo, events: result.events + result.dropped, bytes: result.bytes });
    }
  }
  sizes.sort((a, b) => b.bytes - a.bytes);
  const largest = sizes[0];
  if (!largest) return;
  report(
    'largest trace of a chapter demo',
    `${largest.demo}: ${largest.events} events, ${kb(largest.bytes)} JSON`,
  );
  table(
    'Trace size per chapter demo (one recorded run each)',
    ['Demo', 'Events', 'JSON'],
    sizes.map(({ demo, events, bytes }) => [demo, String(events), kb(bytes)]),
    ['What the runtime page posts to the docs page for one run (sandbox/trace batches).'],
  );
}

/**
 * The recorder's own CPU time per event: a task's slice (enter, leave,
 * checkpoint) and a timer's span (begin, end) in a tight loop of the real
 * module, batches discarded. Node's V8, the engine the browser runs it on.
 */
async function recorderCost(): Promise<void> {
  // The site's modules are written for Vite: imports without extensions, and
  // TypeScript Node cannot strip (parameter properties). Sucrase, the
  // runtime's own transpiler, turns them into modules Node runs.
  registerHooks({
    resolve(specifier, context, next) {
      try {
        return next(specifier, context);
      } catch (error) {
        if (specifier.startsWith('.') && !/\.[a-z]+$/.test(specifier)) {
          return next(`${specifier}.ts`, context);
        }
        throw error;
      }
    },
    load(url, context, next) {
      if (!url.includes('/src/') || !url.endsWith('.ts')) return next(url, context);
      const source = readFileSync(fileURLToPath(url), 'utf8');
      const code = transform(source, { transforms: ['typescript'] }).code;
      return { format: 'module', source: code, shortCircuit: true };
    },
  });
  const { Recorder } = await import('../../src/runtime/sandbox/recorder.ts');
  const recorder = new Recorder({
    context: '0',
    now: () => performance.now(),
    postCheckpoint: () => undefined,
    defer: () => undefined,
    send: () => undefined,
    limit: Number.MAX_SAFE_INTEGER,
  });
  const measure = (rounds: number): number => {
    const start = performance.now();
    for (let i = 0; i < rounds; i++) {
      recorder.enter('setTimeout callback');
      recorder.leave();
      const span = recorder.begin('timer', 'setTimeout 10 ms');
      recorder.end(span, 'fired');
      recorder.checkpoint();
    }
    // Three events a round: the busy slice, the span's begin and its end.
    return (performance.now() - start) / (rounds * 3);
  };
  measure(50_000);
  const perEvent = median([measure(200_000), measure(200_000), measure(200_000)]);
  report(
    'recorder: CPU time per event',
    `${(perEvent * 1000).toFixed(2)} µs`,
    '< 2 µs',
    perEvent < 0.002,
  );
}

function timelineWeight(): void {
  const graph = new DistGraph(process.env.OUT_DIR ?? 'dist');
  for (const page of graph.pages()) {
    const { external } = graph.pageScripts(page);
    const chunks = graph.lazyChunks(graph.staticClosure(external));
    const files = chunks.get('timeline-view');
    if (!files) continue;
    const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
    report('JS the Timeline loads when opened (gzip)', kb(bytes), 'budget in .size-limit.ts');
    return;
  }
  report('JS the Timeline loads when opened (gzip)', 'no timeline chunk found', '', false);
}
