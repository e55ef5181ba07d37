/**
 * JS heap added by the first idle live sandbox of a chapter, counted on every
 * target the page has (its renderer, any frame in a process of its own, every
 * worker), each after a garbage collection forced through the protocol.
 */
import type { Browser, Page } from '@playwright/test';
import { TargetTree, shortURL, type RawCdp, type TargetNode } from './cdp.ts';
import { CONTEXT, DESKTOP, mb, median, report, sleep, table } from './shared.ts';

const CHAPTER = '/sync-vs-async/';
const REPS = Number(process.env.BENCH_HEAP_RUNS ?? 3);
/** After the page loads, and after the sandbox is idle: time for late work (a spare context) to start. */
const SETTLE_MS = 2000;

type Kind = 'page' | 'iframe' | 'worker' | 'other';

interface Heap {
  kind: Kind;
  /** V8's used JS heap: what the row is about. */
  bytes: number;
  /** Blink's garbage-collected heap (DOM and other embedder objects) in the same isolate. */
  embedder: number;
  /** Array buffers' and external strings' backing stores. */
  backing: number;
  label: string;
}

const kindOf = (node: TargetNode): Kind =>
  node.type === 'page' || node.type === 'iframe' || node.type === 'worker' ? node.type : 'other';

/** Used JS heap per V8 isolate (targets sharing one are counted once), after forced GCs. */
async function measure(tree: TargetTree): Promise<Heap[]> {
  await tree.settled();
  const nodes = [...tree.nodes.values()];
  // Twice everywhere: what one isolate frees can release what another holds (ports, blobs).
  for (let round = 0; round < 2; round++) {
    await Promise.all(
      nodes.map((node) =>
        tree
          .send(node)('HeapProfiler.collectGarbage')
          .catch(() => undefined),
      ),
    );
  }
  const isolates = new Map<string, Heap>();
  for (const node of nodes) {
    try {
      const send = tree.send(node);
      const { id } = await send('Runtime.getIsolateId');
      const usage = await send('Runtime.getHeapUsage');
      if (isolates.has(id)) continue;
      const label =
        node.type === 'worker'
          ? `worker "${node.title}" (${shortURL(node.url)})`
          : node.type === 'page'
            ? 'page renderer'
            : `${node.type} ${shortURL(node.url)}`;
      isolates.set(id, {
        kind: kindOf(node),
        bytes: usage.usedSize,
        embedder: usage.embedderHeapUsedSize,
        backing: usage.backingStorageSize,
        label,
      });
    } catch {
      // Ended between the listing and the question.
    }
  }
  return [...isolates.values()];
}

const total = (
  heaps: Heap[],
  kind?: Kind,
  field: 'bytes' | 'embedder' | 'backing' = 'bytes',
): number =>
  heaps.filter((heap) => !kind || heap.kind === kind).reduce((sum, heap) => sum + heap[field], 0);
const count = (heaps: Heap[], kind: Kind): number =>
  heaps.filter((heap) => heap.kind === kind).length;

interface Sample {
  before: Heap[];
  after: Heap[];
  frames: string[];
  live: number;
  /** What the web's own measurement answered on this page. */
  webMeasure: string;
}

/** Whether `performance.measureUserAgentSpecificMemory()` would have done (it needs cross-origin isolation). */
async function tryWebMeasure(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const isolated = `crossOriginIsolated: ${String(crossOriginIsolated)}`;
    const measure = (
      performance as Performance & {
        measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
      }
    ).measureUserAgentSpecificMemory;
    if (!measure) return `absent (${isolated})`;
    try {
      const result = await Promise.race([
        measure.call(performance),
        new Promise<undefined>((resolve) => setTimeout(resolve, 5000)),
      ]);
      return result
        ? `answered ${result.bytes} bytes (${isolated})`
        : `no answer within 5 s (${isolated})`;
    } catch (error) {
      return `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (${isolated})`;
    }
  });
}

function inProcessFrames(page: Page, tree: TargetTree): string[] {
  const own = new Set(tree.seen.filter((node) => node.type === 'iframe').map((node) => node.url));
  return page
    .frames()
    .map((frame) => frame.url())
    .filter((url) => !own.has(url))
    .map(shortURL);
}

async function sample(browser: Browser, cdp: RawCdp): Promise<Sample> {
  const context = await browser.newContext({ ...CONTEXT, viewport: DESKTOP });
  const tree = new TargetTree(cdp, 1);
  try {
    const page = await context.newPage();
    await tree.attach(page);
    await page.goto(CHAPTER);
    await sleep(SETTLE_MS);
    if ((await page.locator('[data-sandbox][data-live]').count()) > 0) {
      throw new Error(`a sandbox of ${CHAPTER} went live with no reader interaction`);
    }
    const before = await measure(tree);
    // The reader brings the first sandbox into view; it goes live and its runtime answers.
    const root = page.locator('[data-sandbox]').first();
    await root.evaluate((element) => {
      element.scrollIntoView({ block: 'center', behavior: 'instant' });
    });
    await page.mouse.move(4, 400);
    await page
      .locator('[data-sandbox]')
      .first()
      .and(page.locator('[data-live][data-runtime="ready"][data-state="idle"]'))
      .waitFor({ timeout: 30_000 });
    await sleep(SETTLE_MS);
    const after = await measure(tree);
    return {
      before,
      after,
      frames: inProcessFrames(page, tree),
      live: await page.locator('[data-sandbox][data-live]').count(),
      webMeasure: await tryWebMeasure(page),
    };
  } finally {
    await tree.dispose();
    await context.close();
  }
}

export async function benchFirstSandboxHeap(browser: Browser, cdp: RawCdp): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < REPS; i++) {
    const s = await sample(browser, cdp);
    console.error(
      `    ${CHAPTER} heap: ${mb(total(s.before))} → ${mb(total(s.after))} (${s.after.map((h) => `${h.label} ${mb(h.bytes)}`).join(', ')})`,
    );
    samples.push(s);
  }
  const row = (label: string, kind?: Kind): string[] => {
    const pick = (field: 'bytes' | 'embedder' | 'backing', at: 'before' | 'after' | 'added') =>
      mb(
        median(
          samples.map((s) =>
            at === 'added'
              ? total(s.after, kind, field) - total(s.before, kind, field)
              : total(s[at], kind, field),
          ),
        ),
      );
    const counts =
      kind && kind !== 'page'
        ? ` (${[...new Set(samples.map((s) => `${count(s.before, kind)} → ${count(s.after, kind)}`))].join(' or ')})`
        : '';
    return [
      `${label}${counts}`,
      pick('bytes', 'before'),
      pick('bytes', 'after'),
      pick('bytes', 'added'),
      pick('embedder', 'added'),
      pick('backing', 'added'),
    ];
  };
  const added = median(samples.map((s) => total(s.after) - total(s.before)));
  const last = samples.at(-1);
  table(
    `JS heap added by the first idle live sandbox (${CHAPTER}), after forced GC`,
    [
      'Target',
      'JS heap before any sandbox is live',
      'first sandbox live and idle',
      'JS heap added',
      '(Blink heap added)',
      '(array buffers, external strings added)',
    ],
    [
      row('page renderer', 'page'),
      row('frames in a process of their own', 'iframe'),
      row('workers', 'worker'),
      row('all'),
    ],
    [
      `N = ${REPS}, medians. Each: a new context at 1280×800, the chapter loaded and left ${SETTLE_MS / 1000} s (no sandbox live), measured; then its first sandbox scrolled into view and the pointer moved (a reader's interaction), until the root has data-live, data-runtime="ready" and data-state="idle" (not run), ${SETTLE_MS / 1000} s more, measured again (live sandboxes then: ${last?.live ?? '?'}).`,
      `Measured with the DevTools protocol on every target of the page, attached as they start (Target.setAutoAttach, flattened, recursively): HeapProfiler.collectGarbage twice on every target, then Runtime.getHeapUsage (used size) per V8 isolate (Runtime.getIsolateId: targets sharing an isolate are counted once). Not performance.measureUserAgentSpecificMemory(), which cannot force a GC per target and here answered: ${last?.webMeasure ?? '?'}.`,
      `What counts: the page renderer's isolate holds every frame in its process — here ${last ? last.frames.join(', ') : '?'} — plus each frame in a process of its own and each dedicated worker (the sandbox frame's blob: workers: ${
        last
          ? last.after
              .filter((h) => h.kind === 'worker')
              .map((h) => h.label)
              .join(', ') || 'none'
          : '?'
      } after going live). The JS heap is V8's used size; Blink's own garbage-collected heap (DOM nodes and other embedder objects) and array-buffer / external-string backing stores are reported apart, in brackets, and not added in. Not counted at all: the browser and GPU processes, layout and decoded images.`,
    ],
  );
  report(
    `JS heap added by the first idle live sandbox, after forced GC, page + frames + workers (median of ${REPS})`,
    mb(added),
    '<= 6 MB',
    added <= 6 * 1024 * 1024,
  );
}
