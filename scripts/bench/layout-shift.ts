/**
 * Layout shift while a reader scrolls through a chapter and its sandboxes go
 * live: every reading page, fresh, at a desktop and a phone size.
 */
import type { Browser, Page } from '@playwright/test';
import {
  CONTEXT,
  DESKTOP,
  PHONE,
  load,
  median,
  readingPaths,
  report,
  sleep,
  table,
} from './shared.ts';

const REPS = Number(process.env.BENCH_CLS_RUNS ?? 1);
const STEP_PX = 400;
const STEP_MS = 250;
const LIVE_TIMEOUT_MS = 10_000;
const SETTLE_MS = 1000;

interface Shift {
  value: number;
  hadRecentInput: boolean;
  /** The first sources' nodes, described when the shift was reported (they may be gone later). */
  sources: string[];
}

/**
 * Runs in every document before its scripts (an init script); records the
 * top page's layout shifts, described while their nodes still exist.
 */
function recordShifts(): void {
  if (window !== window.top) return;
  interface LayoutShiftEntry extends PerformanceEntry {
    value: number;
    hadRecentInput: boolean;
    sources: readonly { node: Node | null }[];
  }
  const shifts: Shift[] = [];
  Reflect.set(window, '__benchShifts', shifts);
  const describe = (node: Node | null): string => {
    const element = node instanceof Element ? node : node?.parentElement;
    if (!element) return node ? node.nodeName : '(node removed)';
    const id = element.id ? `#${element.id}` : '';
    const classes = [...element.classList]
      .filter((name) => !name.startsWith('astro-'))
      .map((name) => `.${name}`)
      .join('');
    const sandbox = element.closest('[data-sandbox]');
    const inside = sandbox && sandbox !== element ? ` in sandbox #${sandbox.id}` : '';
    return `${element.localName}${id}${classes}${inside}`;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LayoutShiftEntry[]) {
      shifts.push({
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        sources: entry.sources.slice(0, 2).map((source) => describe(source.node)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

interface Scan {
  sum: number;
  entries: number;
  recentInput: { count: number; sum: number };
  largest: Shift | undefined;
  live: number;
  sandboxes: number;
  /** Wheel steps that did not move the page (over an inner scroller), then scrolled by script. */
  fallbacks: number;
  steps: number;
}

async function scrollLikeAReader(page: Page, viewportHeight: number): Promise<[number, number]> {
  // Over the page's own margin beside the text, where a wheel scrolls the page.
  const x = await page.evaluate(() => {
    const content =
      document.querySelector('.sl-markdown-content') ?? document.querySelector('main');
    return Math.max(4, (content?.getBoundingClientRect().left ?? 12) - 8);
  });
  await page.mouse.move(x, viewportHeight / 2);
  let steps = 0;
  let fallbacks = 0;
  const position = (): Promise<{ y: number; bottom: boolean }> =>
    page.evaluate(() => ({
      y: scrollY,
      bottom: scrollY + innerHeight >= document.documentElement.scrollHeight - 2,
    }));
  for (let at = await position(); !at.bottom && steps < 1000; steps++) {
    await page.mouse.wheel(0, STEP_PX);
    await sleep(STEP_MS);
    const next = await position();
    if (next.y === at.y && !next.bottom) {
      fallbacks++;
      await page.evaluate((step) => {
        scrollBy(0, step);
      }, STEP_PX);
      at = await position();
    } else {
      at = next;
    }
  }
  return [steps, fallbacks];
}

async function scan(
  browser: Browser,
  path: string,
  viewport: { width: number; height: number },
): Promise<Scan> {
  const context = await browser.newContext({ ...CONTEXT, viewport });
  try {
    await context.addInitScript(recordShifts);
    const page = await context.newPage();
    await page.goto(path);
    const [steps, fallbacks] = await scrollLikeAReader(page, viewport.height);
    await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('[data-sandbox]')].every((root) =>
            root.hasAttribute('data-live'),
          ),
        undefined,
        { timeout: LIVE_TIMEOUT_MS, polling: 100 },
      )
      .catch(() => undefined);
    await sleep(SETTLE_MS);
    const { shifts, live, sandboxes } = await page.evaluate(() => ({
      shifts: Reflect.get(window, '__benchShifts') as Shift[],
      live: document.querySelectorAll('[data-sandbox][data-live]').length,
      sandboxes: document.querySelectorAll('[data-sandbox]').length,
    }));
    const recent = shifts.filter((shift) => shift.hadRecentInput);
    const largest = shifts.reduce<Shift | undefined>(
      (top, shift) => (top && top.value >= shift.value ? top : shift),
      undefined,
    );
    return {
      sum: shifts.reduce((total, shift) => total + shift.value, 0),
      entries: shifts.length,
      recentInput: {
        count: recent.length,
        sum: recent.reduce((total, shift) => total + shift.value, 0),
      },
      largest,
      live,
      sandboxes,
      fallbacks,
      steps,
    };
  } finally {
    await context.close();
  }
}

export async function benchLayoutShift(browser: Browser): Promise<void> {
  const loadAtStart = load();
  const paths = readingPaths();
  const body: string[][] = [];
  let worst = { sum: -1, where: '' };
  let fallbacks = 0;
  let recentInputs = 0;
  for (const [label, viewport] of [
    ['1280×800', DESKTOP],
    ['360×740', PHONE],
  ] as const) {
    for (const path of paths) {
      const scans: Scan[] = [];
      for (let i = 0; i < REPS; i++) scans.push(await scan(browser, path, viewport));
      const sum = median(scans.map((s) => s.sum));
      // The run whose sum is the median's (the upper one for an even count) tells the details.
      const typical = [...scans].sort((a, b) => a.sum - b.sum)[Math.floor(scans.length / 2)];
      if (!typical) continue;
      fallbacks += scans.reduce((total, s) => total + s.fallbacks, 0);
      recentInputs += scans.reduce((total, s) => total + s.recentInput.count, 0);
      if (sum > worst.sum) worst = { sum, where: `${path} at ${label}` };
      const largest = typical.largest;
      body.push([
        path,
        label,
        `${typical.live}/${typical.sandboxes}`,
        sum.toFixed(3),
        String(typical.entries),
        typical.recentInput.count
          ? `${typical.recentInput.count} (${typical.recentInput.sum.toFixed(3)})`
          : '0',
        largest ? largest.value.toFixed(3) : '-',
        largest ? largest.sources.join(' + ') || '(no source)' : '-',
      ]);
      console.error(`    ${path} ${label}: ${sum.toFixed(3)} in ${typical.steps} steps`);
    }
  }
  table(
    'Layout shift while a reader scrolls a chapter and its sandboxes go live',
    [
      'Page',
      'Viewport',
      'Live sandboxes',
      'Shift sum',
      'Entries',
      'hadRecentInput (sum)',
      'Largest',
      'Largest from (sources[0] + sources[1])',
    ],
    body,
    [
      `N = ${REPS} per page and size${REPS > 1 ? ' (median sum; details from the median run)' : ''}. Each: a new context (empty cache, service workers blocked), a PerformanceObserver for 'layout-shift' (buffered) installed before the page's scripts, the page loaded, then the mouse wheel ${STEP_PX} px every ${STEP_MS} ms over the margin beside the text until the bottom, then until every sandbox has data-live (at most ${LIVE_TIMEOUT_MS / 1000} s), then ${SETTLE_MS / 1000} s more.`,
      "Shift sum: every layout-shift entry of the session added up, those with hadRecentInput included (their count and sum are shown apart; a wheel is not such an input, so normally 0). Not CLS's 5-second windows: the whole visit.",
      `1-minute load average ${loadAtStart} at the start of this part, ${load()} at its end (shifts depend on when things load, so a loaded machine can move them).`,
      `Wheel steps that did not move the page (the pointer was over an inner scroller), followed by a script scroll: ${fallbacks} in all; entries with hadRecentInput: ${recentInputs} in all.`,
    ],
  );
  report(
    'Layout shift while scrolling a chapter as its sandboxes go live (sum, worst page)',
    `${worst.sum.toFixed(3)} (${worst.where})`,
    '<= 0.02 on every page',
    worst.sum <= 0.02,
  );
}
