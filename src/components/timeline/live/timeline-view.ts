/**
 * A sandbox's Timeline: the run on screen drawn from its trace, updated
 * while it runs. Loaded only when a reader opens it (its own chunk and size
 * budget). Plain DOM: it serves the server-rendered sandbox before the
 * editor has loaded (quick-run.ts) and the live editor alike.
 *
 * Keyboard: the drawing is one tab stop (a roving tabindex over its items);
 * arrows move in time along a lane and between lanes, Home/End go to a
 * lane's first and last item. The focused or hovered item's label and times
 * show in a tip; screen readers get the same text as the item's name, and
 * the whole run as a table.
 */
import {
  formatTime,
  itemText,
  KIND_NAMES,
  renderLegend,
  renderTable,
  renderTimeline,
} from '../render';
import '../timeline.css';
import type { TimelineData, TimelineItem } from '../types';
import { chromeTrace } from './chrome-trace';
import { buildTimeline, coalesce, type RunRecord } from './model';

export interface TimelineOptions {
  /** The sandbox's id: unique ids, and the download's file name. */
  id: string;
  title: string;
}

/** Rows the table shows; the download has every event. */
const TABLE_ROWS = 500;
/** Redraws of a running run, at most one per this many ms. */
const LIVE_REDRAW = 250;
/** Busy slices closer than this share of the run are drawn as one. */
const RESOLUTION = 1 / 1500;

export class TimelineView {
  private run: RunRecord | undefined;
  private full: TimelineData | undefined;
  private drawn: TimelineData | undefined;
  private lastDraw = 0;
  /** How long the last drawing took, ms. */
  private drawCost = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The item holding the roving tab stop, by lane and start (indices change as a run grows). */
  private focusKey: { lane: string; start: number } | undefined;
  private readonly head: HTMLElement;
  private readonly status: HTMLElement;
  private readonly download: HTMLButtonElement;
  private readonly plot: HTMLElement;
  private readonly tip: HTMLElement;
  private readonly note: HTMLElement;
  private readonly details: HTMLDetailsElement;
  private readonly tableSlot: HTMLElement;
  private readonly resize: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: TimelineOptions,
  ) {
    container.classList.add('sandbox-timeline');
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', `Timeline of ${options.title}`);
    this.head = element('div', 'tl-head');
    this.status = element('span', 'tl-status');
    this.download = element('button', 'sandbox-button tl-download');
    this.download.type = 'button';
    this.download.textContent = 'Download trace';
    this.download.title =
      'Chrome trace-event JSON: open it in ui.perfetto.dev or DevTools’ Performance panel';
    this.download.dataset.timelineDownload = '';
    this.head.append(this.status, this.download);
    this.plot = element('div', 'tl-plot');
    this.tip = element('div', 'tl-tip');
    this.tip.setAttribute('aria-hidden', 'true');
    this.tip.hidden = true;
    this.note = element('p', 'tl-note');
    this.note.hidden = true;
    this.details = element('details', 'tl-data');
    const summary = element('summary', '');
    summary.textContent = 'Events as a table';
    this.tableSlot = element('div', 'tl-table-slot');
    this.details.append(summary, this.tableSlot);
    container.replaceChildren(this.head, this.plot, this.tip, this.note, this.details);

    this.download.addEventListener('click', () => {
      this.save();
    });
    this.details.addEventListener('toggle', () => {
      this.drawTable();
    });
    this.plot.addEventListener('keydown', (event) => {
      this.onKey(event);
    });
    this.plot.addEventListener('focusin', (event) => {
      const item = itemElement(event.target);
      if (item) this.select(item, false);
    });
    this.plot.addEventListener('focusout', () => {
      this.hideTip();
    });
    this.plot.addEventListener('pointerover', (event) => {
      const item = itemElement(event.target);
      if (item) this.showTip(item);
    });
    this.plot.addEventListener('pointerleave', () => {
      if (!this.plot.contains(document.activeElement)) this.hideTip();
    });
    // Labels are drawn where they fit: a new width may fit more, or fewer.
    let width = 0;
    this.resize = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      if (next === width) return;
      const first = width === 0;
      width = next;
      if (!first && this.full) this.update(this.run);
    });
    this.resize.observe(this.plot);
  }

  /** The run on screen changed (or `undefined`: nothing has run yet). */
  update(run: RunRecord | undefined): void {
    this.run = run;
    clearTimeout(this.timer);
    // A drawing that takes long (a flood of events) is redrawn less often while the run goes on.
    const pause = Math.max(LIVE_REDRAW, this.drawCost * 4);
    const wait = run?.running ? this.lastDraw + pause - performance.now() : 0;
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.draw();
      }, wait);
    } else {
      this.draw();
    }
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.resize.disconnect();
    this.container.replaceChildren();
  }

  private draw(): void {
    this.lastDraw = performance.now();
    try {
      this.drawRun();
    } finally {
      this.drawCost = performance.now() - this.lastDraw;
    }
  }

  private drawRun(): void {
    const run = this.run;
    const hadFocus = this.plot.contains(document.activeElement);
    if (!run || (run.events.length === 0 && run.entries.length === 0)) {
      this.full = undefined;
      this.drawn = undefined;
      const message = run?.running
        ? 'Recording…'
        : 'Press Run: the timeline shows when each thread ran JavaScript, what it waited for, and when it printed.';
      const empty = element('p', 'tl-empty');
      empty.textContent = message;
      this.plot.replaceChildren(empty);
      this.status.textContent = '';
      this.download.disabled = true;
      this.note.hidden = true;
      this.drawTable();
      return;
    }
    this.full = buildTimeline(run);
    const duration = this.full.duration ?? 0;
    this.drawn = coalesce(this.full, duration * RESOLUTION);
    this.plot.innerHTML = renderTimeline(this.drawn, {
      idPrefix: `${this.options.id}-tl`,
      title: `Timeline of ${this.options.title}`,
      interactive: true,
      width: this.plot.clientWidth,
    });
    this.plot.insertAdjacentHTML('beforeend', renderLegend(this.drawn));
    const threads = this.full.lanes.length;
    this.status.textContent =
      `${threads} ${threads === 1 ? 'thread' : 'threads'} · ${formatTime(duration, duration >= 2000 ? 's' : 'ms')}` +
      (run.running ? ' · recording…' : '');
    this.download.disabled = false;
    this.note.hidden = run.dropped === 0;
    this.note.textContent =
      run.dropped === 0
        ? ''
        : `This run produced more events than a timeline keeps: ${run.dropped.toLocaleString('en')} were left out, the rest are drawn.`;
    this.placeTabStop(hadFocus);
    this.drawTable();
  }

  private drawTable(): void {
    if (!this.details.open || !this.full) {
      this.tableSlot.replaceChildren();
      return;
    }
    this.tableSlot.innerHTML = renderTable(
      this.full,
      `Every event of the run on screen, by start time (${this.options.title})`,
      TABLE_ROWS,
    );
  }

  private items(): SVGGElement[] {
    return [...this.plot.querySelectorAll<SVGGElement>('.tl-item')];
  }

  private itemOf(element: Element): TimelineItem | undefined {
    return this.drawn?.items[Number((element as SVGElement).dataset.index)];
  }

  /** One item keeps tabindex 0: the one focused last, or the run's first. */
  private placeTabStop(refocus: boolean): void {
    const items = this.items();
    if (items.length === 0) return;
    const key = this.focusKey;
    let target = items[0];
    if (key) {
      let best = Infinity;
      for (const item of items) {
        const data = this.itemOf(item);
        if (data?.lane !== key.lane) continue;
        const distance = Math.abs(data.start - key.start);
        if (distance < best) {
          best = distance;
          target = item;
        }
      }
    }
    if (!target) return;
    target.tabIndex = 0;
    if (refocus) target.focus();
  }

  private select(item: SVGGElement, focus: boolean): void {
    for (const other of this.plot.querySelectorAll<SVGGElement>('.tl-item[tabindex="0"]')) {
      if (other !== item) other.tabIndex = -1;
    }
    item.tabIndex = 0;
    const data = this.itemOf(item);
    if (data) this.focusKey = { lane: data.lane, start: data.start };
    if (focus) item.focus();
    this.showTip(item);
  }

  private onKey(event: KeyboardEvent): void {
    const current = itemElement(event.target);
    if (!current) return;
    const items = this.items();
    const lanes = [...new Set(items.map((item) => item.dataset.lane ?? ''))];
    const inLane = (lane: string) =>
      items
        .filter((item) => item.dataset.lane === lane)
        .sort((a, b) => Number(a.dataset.start) - Number(b.dataset.start));
    const lane = current.dataset.lane ?? '';
    const row = inLane(lane);
    const at = row.indexOf(current);
    let next: SVGGElement | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = row[at + 1];
        break;
      case 'ArrowLeft':
        next = row[at - 1];
        break;
      case 'Home':
        next = row[0];
        break;
      case 'End':
        next = row.at(-1);
        break;
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const other = lanes[lanes.indexOf(lane) + step];
        if (other === undefined) break;
        const start = Number(current.dataset.start);
        next = inLane(other).reduce<SVGGElement | undefined>(
          (best, item) =>
            !best ||
            Math.abs(Number(item.dataset.start) - start) <
              Math.abs(Number(best.dataset.start) - start)
              ? item
              : best,
          undefined,
        );
        break;
      }
      case 'Escape':
        this.hideTip();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.select(next, true);
  }

  private showTip(item: SVGGElement): void {
    const data = this.itemOf(item);
    if (!data) return;
    for (const other of this.plot.querySelectorAll('[data-active]')) {
      other.removeAttribute('data-active');
    }
    item.setAttribute('data-active', '');
    const to =
      data.to === undefined
        ? ''
        : ` → ${this.drawn?.lanes.find((lane) => lane.id === data.to)?.label ?? data.to}`;
    const lane = this.drawn?.lanes.find((l) => l.id === data.lane)?.label ?? data.lane;
    this.tip.textContent = '';
    const what = element('strong', '');
    what.textContent = KIND_NAMES[data.kind];
    const text = element('span', '');
    text.textContent = ` · ${lane}${to}\n${itemText(data, 'ms')}`;
    this.tip.append(what, text);
    this.tip.hidden = false;
    const box = this.container.getBoundingClientRect();
    const rect = item.getBoundingClientRect();
    const width = this.tip.offsetWidth;
    const left = Math.min(
      Math.max(0, rect.left + rect.width / 2 - box.left - width / 2),
      Math.max(0, box.width - width),
    );
    const above = rect.top - box.top - this.tip.offsetHeight - 6;
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${above > 0 ? above : rect.bottom - box.top + 6}px`;
  }

  private hideTip(): void {
    this.tip.hidden = true;
    for (const other of this.plot.querySelectorAll('[data-active]')) {
      other.removeAttribute('data-active');
    }
  }

  private save(): void {
    if (!this.full) return;
    const blob = new Blob([chromeTrace(this.full, this.options.title)], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${this.options.id}-trace.json`;
    link.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function itemElement(target: EventTarget | null): SVGGElement | undefined {
  return target instanceof Element
    ? (target.closest<SVGGElement>('.tl-item') ?? undefined)
    : undefined;
}

export function mountTimeline(container: HTMLElement, options: TimelineOptions): TimelineView {
  return new TimelineView(container, options);
}
