/**
 * Draws a timeline as an SVG string: at build time for authored figures
 * (Figure.astro, no JavaScript shipped) and in the browser for a run's live
 * Timeline (live/timeline-view.ts). A string, not a component, so both use the same
 * code and the live chunk carries no framework.
 *
 * Horizontal positions are percentages and vertical ones pixels: the SVG
 * takes the width of its column at any size, text keeps its size (a viewBox
 * would shrink it to nothing on a phone), and no script has to measure.
 */
import type { ItemKind, TimelineData, TimelineItem, TimelineLane } from './types';

export const LANE_LABEL = 20;
export const MARK_ROW = 10;
export const ROW = 18;
export const AXIS = 22;
const BAR = 12;
const LABEL_PAD = 4;

/** Kinds drawn as solid bars, packed into the first rows of their lane. */
const SOLID = new Set<ItemKind>(['busy', 'task', 'microtask', 'render', 'lock', 'lost']);
/** Kinds drawn as spans in flight, in rows under the solid ones. */
const SPANS = new Set<ItemKind>(['timer', 'fetch', 'wait']);

export const KIND_NAMES: Record<ItemKind, string> = {
  busy: 'running JavaScript',
  timer: 'timer',
  fetch: 'fetch',
  wait: 'waiting',
  message: 'message',
  log: 'console',
  thread: 'worker alive',
  task: 'task',
  microtask: 'microtask',
  render: 'render',
  lock: 'lock held',
  lost: 'lost update',
};

export interface RenderOptions {
  /** Makes marker ids unique on a page with several timelines. */
  idPrefix: string;
  /** The accessible name of the drawing. */
  title: string;
  /** Items become focusable list items (the live view); otherwise the SVG is one image. */
  interactive?: boolean;
  /**
   * The drawing's width in pixels, when known (the live view): a bar shows
   * its label only if it fits whole. Unknown (a figure built ahead of time),
   * every label is drawn and clipped to its bar.
   */
  width?: number;
}

/** About the width of a bar label's characters (10.5 px system font). */
const CHAR_WIDTH = 6.2;

export interface PlacedItem {
  item: TimelineItem;
  /** Index into `data.items`. */
  index: number;
  lane: number;
  /** Pixel y of the item's row centre. */
  y: number;
}

export interface Layout {
  height: number;
  duration: number;
  placed: PlacedItem[];
  /** Top of each lane, and the y of its first bar row's centre (where arrows attach). */
  lanes: { top: number; anchor: number; height: number }[];
}

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

const round = (n: number): string => String(Math.round(n * 1000) / 1000);

/** "0", "250 ms", "1.5 s": the axis unit a reader expects for the span shown. */
export function formatTime(t: number, axis: TimelineData['axis'] = 'ms'): string {
  if (axis === 'steps' || axis === 'none') return String(Math.round(t * 100) / 100);
  if (axis === 's') return `${(t / 1000).toFixed(2)} s`;
  if (Math.abs(t) < 10 && t !== Math.round(t)) return `${t.toFixed(1)} ms`;
  return `${Math.round(t)} ms`;
}

export function durationOf(data: TimelineData): number {
  const latest = data.items.reduce((max, item) => Math.max(max, item.end, item.start), 0);
  return Math.max(data.duration ?? 0, latest, 1e-9);
}

/** Tick positions: about five, at 1, 2 or 5 times a power of ten. */
export function ticks(duration: number, axis: TimelineData['axis']): number[] {
  if (axis === 'none' || duration <= 0) return [];
  const rough = duration / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let t = 0; t <= duration + step * 1e-6; t += step) out.push(Math.round(t / step) * step);
  return out;
}

function tickLabel(t: number, axis: TimelineData['axis'], duration: number): string {
  if (t === 0) return '0';
  if (axis === 'steps') return String(t);
  // Seconds once the span is long enough that milliseconds are hard to read.
  if (axis === 's' || duration >= 2000) return `${round(t / 1000)} s`;
  return `${round(t)} ms`;
}

/**
 * Rows a lane's bars or spans may take. A program that starts thousands of
 * timers at once would otherwise draw a lane thousands of rows tall; past
 * this, each goes to the row that frees first, on top of what is there.
 */
export const MAX_ROWS = 12;

/** Greedy interval packing: each item takes the first row free at its start. */
function pack(items: { item: TimelineItem; index: number }[], first: number): Map<number, number> {
  const rowEnds: number[] = [];
  const rows = new Map<number, number>();
  const sorted = [...items].sort((a, b) => a.item.start - b.item.start || a.index - b.index);
  for (const { item, index } of sorted) {
    if (item.row !== undefined) {
      rows.set(index, item.row);
      rowEnds[item.row - first] = Math.max(rowEnds[item.row - first] ?? -Infinity, item.end);
      continue;
    }
    let row = rowEnds.findIndex((end) => end <= item.start);
    if (row === -1 && rowEnds.length < MAX_ROWS) row = rowEnds.length;
    if (row === -1) row = rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = Math.max(item.end, item.start, rowEnds[row] ?? -Infinity);
    rows.set(index, first + row);
  }
  return rows;
}

export function layout(data: TimelineData): Layout {
  const duration = durationOf(data);
  const placed: PlacedItem[] = [];
  const lanes: Layout['lanes'] = [];
  let top = 0;
  data.lanes.forEach((lane, laneIndex) => {
    const own = data.items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item.lane === lane.id);
    const hasMarks = own.some(({ item }) => item.kind === 'log');
    const solid = own.filter(({ item }) => SOLID.has(item.kind));
    const solidRows = pack(solid, 0);
    const solidCount = Math.max(0, ...[...solidRows.values()].map((r) => r + 1));
    const spanRows = pack(
      own.filter(({ item }) => SPANS.has(item.kind)),
      solidCount,
    );
    const rowCount = Math.max(1, solidCount, ...[...spanRows.values()].map((r) => r + 1));
    const firstRow = top + LANE_LABEL + (hasMarks ? MARK_ROW : 0);
    const rowY = (row: number): number => firstRow + row * ROW + ROW / 2;
    for (const { item, index } of own) {
      let y: number;
      if (item.kind === 'log') y = top + LANE_LABEL + MARK_ROW / 2;
      else if (SOLID.has(item.kind)) y = rowY(solidRows.get(index) ?? 0);
      else if (SPANS.has(item.kind)) y = rowY(spanRows.get(index) ?? solidCount);
      else y = rowY(item.row ?? 0);
      placed.push({ item, index, lane: laneIndex, y });
    }
    const height = LANE_LABEL + (hasMarks ? MARK_ROW : 0) + rowCount * ROW + 6;
    lanes.push({ top, anchor: rowY(0), height });
    top += height;
  });
  return { height: top + (data.axis === 'none' ? 0 : AXIS), duration, placed, lanes };
}

export function itemText(item: TimelineItem, axis: TimelineData['axis']): string {
  const what = item.label ?? KIND_NAMES[item.kind];
  const at = formatTime(item.start, axis);
  if (item.kind === 'log') return `${what} (at ${at})`;
  const span = `${at} to ${formatTime(item.end, axis)}`;
  const length =
    axis === 'none' || axis === 'steps' ? '' : `, ${formatTime(item.end - item.start, axis)}`;
  return `${what}: ${span}${length}${item.pending ? ', still pending' : ''}`;
}

function laneName(lanes: TimelineLane[], id: string): string {
  return lanes.find((lane) => lane.id === id)?.label ?? id;
}

/** One line summary, the SVG's accessible name after the title. */
export function summary(data: TimelineData): string {
  const counts = new Map<ItemKind, number>();
  for (const item of data.items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${KIND_NAMES[kind]}`);
  const lanes = data.lanes.length === 1 ? '1 lane' : `${data.lanes.length} lanes`;
  return `${lanes}; ${parts.join(', ')}`;
}

function itemAttributes(
  item: TimelineItem,
  lanes: TimelineLane[],
  axis: TimelineData['axis'],
  index: number,
  interactive: boolean,
): string {
  const attrs = [
    `class="tl-item tl-${item.kind}${item.pending ? ' tl-pending' : ''}"`,
    `data-lane="${escape(item.lane)}"`,
    `data-kind="${item.kind}"`,
    `data-start="${round(item.start)}"`,
    `data-end="${round(item.end)}"`,
    `data-index="${index}"`,
  ];
  if (item.to !== undefined) attrs.push(`data-to="${escape(item.to)}"`);
  if (item.pending) attrs.push('data-pending=""');
  if (interactive) {
    const to = item.to === undefined ? '' : ` to ${laneName(lanes, item.to)}`;
    attrs.push(
      'role="listitem"',
      'tabindex="-1"',
      `aria-label="${escape(itemText(item, axis) + to)}"`,
    );
  }
  return attrs.join(' ');
}

export function renderTimeline(data: TimelineData, options: RenderOptions): string {
  const { idPrefix, title, interactive = false } = options;
  const axis = data.axis ?? 'ms';
  const geometry = layout(data);
  const { duration, height } = geometry;
  const x = (t: number): string =>
    `${round((Math.min(Math.max(t, 0), duration) / duration) * 100)}%`;
  const arrow = `${idPrefix}-arrow`;
  const out: string[] = [];
  const name = `${title}. ${summary(data)}`;
  out.push(
    `<svg class="tl-svg" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg" ` +
      (interactive
        ? `role="group" aria-label="${escape(name)}"`
        : `role="img" aria-label="${escape(name)}"`) +
      '>',
    `<defs><marker id="${arrow}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 8 4 0 8z" class="tl-arrowhead"/></marker></defs>`,
  );
  // Grid and axis first: everything else is drawn over them.
  const marks = ticks(duration, axis);
  const plotBottom = height - (axis === 'none' ? 0 : AXIS);
  out.push('<g class="tl-grid" aria-hidden="true">');
  for (const t of marks) {
    out.push(`<line x1="${x(t)}" x2="${x(t)}" y1="0" y2="${plotBottom}"/>`);
  }
  out.push('</g>');
  if (axis !== 'none') {
    out.push(`<g class="tl-axis" aria-hidden="true">`);
    out.push(`<line x1="0" x2="100%" y1="${plotBottom}" y2="${plotBottom}"/>`);
    marks.forEach((t, i) => {
      const anchor = i === 0 ? 'start' : t >= duration - 1e-9 ? 'end' : 'middle';
      out.push(
        `<text x="${x(t)}" y="${plotBottom + 15}" text-anchor="${anchor}">${escape(tickLabel(t, axis, duration))}</text>`,
      );
    });
    out.push('</g>');
  }
  data.lanes.forEach((lane, laneIndex) => {
    const box = geometry.lanes[laneIndex];
    if (!box) return;
    out.push(
      `<g class="tl-lane" data-lane-name="${escape(lane.id)}"${interactive ? ` role="list" aria-label="${escape(lane.label)}"` : ''}>`,
      `<line class="tl-lane-rule" x1="0" x2="100%" y1="${box.top + 0.5}" y2="${box.top + 0.5}" aria-hidden="true"/>`,
      `<text class="tl-lane-label" x="0" y="${box.top + 14}" aria-hidden="true">${escape(lane.label)}</text>`,
    );
    for (const placed of geometry.placed.filter((p) => p.lane === laneIndex)) {
      out.push(drawItem(placed, geometry, data, x, arrow, options));
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

function drawItem(
  placed: PlacedItem,
  geometry: Layout,
  data: TimelineData,
  x: (t: number) => string,
  arrow: string,
  options: RenderOptions,
): string {
  const { item, index, y } = placed;
  const interactive = options.interactive ?? false;
  const attrs = itemAttributes(item, data.lanes, data.axis ?? 'ms', index, interactive);
  const tip = interactive ? '' : `<title>${escape(itemText(item, data.axis ?? 'ms'))}</title>`;
  if (item.kind === 'log') {
    return `<g ${attrs}>${tip}<line x1="${x(item.start)}" x2="${x(item.start)}" y1="${y - 4}" y2="${y + 4}"/></g>`;
  }
  if (item.kind === 'message') {
    const target = data.lanes.findIndex((lane) => lane.id === item.to);
    const to = geometry.lanes[target]?.anchor ?? y;
    const from = geometry.lanes[placed.lane]?.anchor ?? y;
    return (
      `<g ${attrs}>${tip}<line x1="${x(item.start)}" y1="${from}" x2="${x(item.end)}" y2="${to}" ` +
      `marker-end="url(#${arrow})"/></g>`
    );
  }
  if (item.kind === 'thread') {
    return `<g ${attrs}>${tip}<line x1="${x(item.start)}" x2="${x(item.end)}" y1="${y}" y2="${y}"/></g>`;
  }
  const height = SOLID.has(item.kind) ? BAR : BAR - 2;
  const top = y - height / 2;
  const left = x(item.start);
  const width = `${round((Math.max(0, item.end - item.start) / geometry.duration) * 100)}%`;
  const fraction = Math.max(0, item.end - item.start) / geometry.duration;
  const fits =
    options.width === undefined ||
    fraction * options.width >= (item.label?.length ?? 0) * CHAR_WIDTH + 2 * LABEL_PAD;
  const label =
    item.label && fits
      ? `<svg x="${left}" y="${top}" width="${width}" height="${height}" overflow="hidden" aria-hidden="true">` +
        `<text x="${LABEL_PAD}" y="${height - 2.5}" class="tl-bar-label">${escape(item.label)}</text></svg>`
      : '';
  return (
    `<g ${attrs}>${tip}<rect x="${left}" y="${top}" width="${width}" height="${height}" rx="2"/>` +
    `${label}</g>`
  );
}

const COLUMNS = ['Lane', 'Kind', 'What', 'Start', 'End'];

/**
 * The same items as a table: the text alternative, and what a reader can
 * copy. Cells carry their column's heading and the roles are stated, as the
 * guide's own tables do (src/markdown/tables.ts): in a narrow column each row
 * becomes a card (prose.css) and is still read as a table.
 */
export function renderTable(data: TimelineData, caption: string, limit = Infinity): string {
  const axis = data.axis ?? 'ms';
  const rows = data.items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.start - b.item.start || a.index - b.index);
  const shown = rows.slice(0, limit);
  const time = (t: number) => escape(formatTime(t, axis));
  const row = (cells: string[]): string =>
    `<tr role="row">${cells.map((cell, i) => `<td role="cell" data-label="${COLUMNS[i] ?? ''}">${cell}</td>`).join('')}</tr>`;
  const body = shown
    .map(({ item }) => {
      const lane = escape(laneName(data.lanes, item.lane));
      const to = item.to === undefined ? '' : ` → ${escape(laneName(data.lanes, item.to))}`;
      const what = escape(item.label ?? KIND_NAMES[item.kind]);
      const end = item.kind === 'log' ? '' : time(item.end) + (item.pending ? ' (pending)' : '');
      return row([`${lane}${to}`, escape(KIND_NAMES[item.kind]), what, time(item.start), end]);
    })
    .join('');
  const more =
    rows.length > shown.length
      ? `<tr role="row"><td role="cell" data-label="More" colspan="5">… and ${rows.length - shown.length} more (Download trace has them all)</td></tr>`
      : '';
  return (
    `<table class="tl-table" role="table"><caption>${escape(caption)}</caption>` +
    `<thead role="rowgroup"><tr role="row">${COLUMNS.map((c) => `<th scope="col" role="columnheader">${c}</th>`).join('')}</tr></thead>` +
    `<tbody role="rowgroup">${body}${more}</tbody></table>`
  );
}

/** What each kind drawn looks like, for the kinds the timeline uses (aria-hidden swatches). */
export function renderLegend(data: TimelineData): string {
  const used = [...new Set(data.items.map((item) => item.kind))];
  const swatch = (kind: ItemKind): string => {
    if (kind === 'log') return '<line x1="7" x2="7" y1="1" y2="11"/>';
    if (kind === 'message') return '<line x1="1" x2="14" y1="6" y2="6"/>';
    if (kind === 'thread') return '<line x1="2" x2="16" y1="6" y2="6"/>';
    return '<rect x="1" y="1" width="16" height="10" rx="2"/>';
  };
  return (
    '<div class="tl-legend">' +
    used
      .map(
        (kind) =>
          `<span><svg width="18" height="12" class="tl-svg" aria-hidden="true"><g class="tl-swatch tl-${kind}">${swatch(kind)}</g></svg>${escape(KIND_NAMES[kind])}</span>`,
      )
      .join('') +
    '</div>'
  );
}
