/**
 * Size budgets of the built site, checked by `npm test` after the build
 * (`npm run size`). Each limit sits next to the number it was set from
 * (gzip, each file compressed on its own, as a compressing host sends it).
 * A new lazy chunk (a stepper, a timeline) fails the check until it gets a
 * budget of its own in LAZY_CHUNKS.
 */
import { basename, join } from 'node:path';
import { DistGraph, inlineScriptFile } from './scripts/dist-graph.ts';

const DIST = process.env.OUT_DIR ?? 'dist';
const CACHE = join('node_modules', '.cache', 'size-limit');

/*
 * Limits in kB (1000 bytes), gzip, each file on its own. "Measured" is the
 * build of 2026-12-01; the limits leave 5–10 % for ordinary growth.
 */

/**
 * JS a page loads before any sandbox is used. Measured: landing 4.8, chapters 8.8 (10.0 with
 * Expressive Code's copy-button script, on pages with prose code blocks; 9.95 before the
 * Timeline button's handler), an embed 5.2.
 */
const PAGE_JS = '10.5 kB';

/** Lazy chunks, by the module they are built from: the chunk plus what it imports that is not loaded yet. */
const LAZY_CHUNKS: Record<string, { what: string; limit: string }> = {
  // Measured 258.7: React, Sandpack, CodeMirror, the share and fork controls.
  mount: { what: 'the live editor', limit: '275 kB' },
  // Measured 6.4 (5.7 before the trace and the Timeline's toggle); loaded at a page's first
  // interaction: Run before the editor has loaded.
  'quick-run': { what: 'Run before the editor (quick-run.ts)', limit: '7 kB' },
  // Measured 6.3; when a reader opens a sandbox's Timeline: renderer, trace model, view.
  'timeline-view': { what: 'the Timeline (timeline/live/)', limit: '7 kB' },
  // Measured 5.0 (and 1.6 of CSS); when a reader opens a sandbox's stepper: the view and its navigation.
  'stepper-view': { what: 'the stepper view (stepper/)', limit: '5.5 kB' },
  // Measured 0.8; a puzzle's Check pressed before the editor has loaded.
  'puzzle-static': { what: "a puzzle's check before the editor", limit: '1 kB' },
  // Measured 26.0; loaded as soon as an editor goes live.
  runtime: { what: "Sandpack's client for the runtime frame", limit: '28 kB' },
  // Measured 3.4; on Open in StackBlitz.
  'sdk.m': { what: 'the StackBlitz SDK', limit: '4 kB' },
  // Measured 12.1; on Download.
  browser: { what: 'fflate, for Download as zip', limit: '13 kB' },
  // Measured 26.4; when the reader opens search.
  'ui-core': { what: "Pagefind's search UI", limit: '28 kB' },
  // Measured 14.7 and 23.3: Sandpack ships them; this site never loads them.
  node: { what: "Sandpack's Nodebox client (unused)", limit: '16 kB' },
  'index-599aeaf7': { what: "Sandpack's static-server client (unused)", limit: '25 kB' },
};

/**
 * A runtime frame, everything it can load: page, compiler, console, worker
 * bootstrap, and the sandbox frame's agent and loader; not the stepper's worker, which has
 * a budget of its own. Measured 104.5 (103.5 before the stepper's host side, 101.1 before
 * every run recorded a trace, 99.7 before the opaque-origin sandbox frame).
 */
const RUNTIME = '110 kB';

/**
 * The stepper's worker: engine262 (a JavaScript engine written in JavaScript)
 * and the recorder, fetched by a runtime frame when a reader first opens a
 * stepper, never before. Measured 402.6 (1.95 MB before compression).
 */
const STEPPER_WORKER = '430 kB';

/**
 * The service worker (`sw.js`): Workbox's precache and router plus the precache
 * manifest, which grows by two entries a chapter. Fetched in the background, once
 * a deploy. Measured 7.6.
 */
const SERVICE_WORKER = '8.5 kB';

interface Check {
  name: string;
  path: string[];
  limit: string;
  gzip: true;
}

const graph = new DistGraph(DIST);
const checks: Check[] = [];
const lazyEntries = new Map<string, { files: string[]; page: string }>();

for (const page of graph.pages()) {
  if (page.startsWith('runtime/') || page.startsWith('fixtures/')) continue;
  // Every embed page is the same one sandbox page: one stands for all.
  if (page.startsWith('embed/') && checks.some((c) => c.name.includes('/embed/'))) continue;
  const { external, inline } = graph.pageScripts(page);
  const loaded = graph.staticClosure(external);
  const files = [...loaded];
  if (inline) files.push(inlineScriptFile(CACHE, page, inline));
  checks.push({
    name: `JS of /${page} before any sandbox is used`,
    path: files,
    limit: PAGE_JS,
    gzip: true,
  });
  for (const [name, files] of graph.lazyChunks(loaded)) {
    if (!lazyEntries.has(name)) lazyEntries.set(name, { files, page });
  }
}

const unbudgeted = [...lazyEntries]
  .filter(([name]) => !LAZY_CHUNKS[name])
  .map(([name, { page }]) => `"${name}" (loadable from /${page})`);
if (unbudgeted.length > 0) {
  throw new Error(
    `.size-limit.ts: lazy chunks without a budget: ${unbudgeted.join(', ')}. Add each to LAZY_CHUNKS.`,
  );
}
for (const [name, { files }] of lazyEntries) {
  const budget = LAZY_CHUNKS[name] ?? { what: name, limit: '0 B' };
  checks.push({
    name: `${budget.what} (lazy chunk "${name}" and what it adds)`,
    path: files,
    limit: budget.limit,
    gzip: true,
  });
}

const runtime = graph.pageScripts('runtime/');
const frameFiles = [...graph.fullClosure(runtime.external)];
// Worker bundles are named `<entry>-<hash>.js`.
const isStepper = (file: string): boolean => basename(file).startsWith('stepper-worker-');
const stepperFiles = frameFiles.filter(isStepper);
if (stepperFiles.length !== 1) {
  throw new Error(
    `.size-limit.ts: expected one stepper-worker bundle in the runtime frame, found ${stepperFiles.length}.`,
  );
}
checks.push({
  name: 'a runtime frame, everything it can load but the stepper',
  path: [graph.html('runtime/'), ...frameFiles.filter((file) => !isStepper(file))],
  limit: RUNTIME,
  gzip: true,
});
checks.push({
  name: "the stepper's worker (engine262), loaded when a stepper first opens",
  path: stepperFiles,
  limit: STEPPER_WORKER,
  gzip: true,
});

checks.push({
  name: 'the service worker, with its precache manifest',
  path: [join(DIST, 'sw.js')],
  limit: SERVICE_WORKER,
  gzip: true,
});

export default checks;
