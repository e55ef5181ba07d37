import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layout, MAX_ROWS, renderLegend, renderTable, renderTimeline, ticks } from './render';
import { ITEM_KINDS, type TimelineData, type TimelineItem } from './types';

const lanes = [
  { id: 'main', label: 'main' },
  { id: 'worker 1', label: 'worker 1 (/worker.ts)' },
];

/** The attributes of every drawn item, read back from the SVG string. */
function drawnItems(svg: string): Record<string, string>[] {
  return [...svg.matchAll(/<g (class="tl-item[^>]*)>/g)].map((match) => {
    const attributes: Record<string, string> = {};
    for (const [, name = '', value = ''] of (match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) {
      attributes[name] = value;
    }
    return attributes;
  });
}

const item = fc.record({
  lane: fc.constantFrom('main', 'worker 1'),
  kind: fc.constantFrom(...ITEM_KINDS.filter((k) => k !== 'message')),
  start: fc.integer({ min: 0, max: 5000 }),
  length: fc.integer({ min: 0, max: 3000 }),
});

const dataOf = (
  items: { lane: string; kind: TimelineItem['kind']; start: number; length: number }[],
): TimelineData => ({
  lanes,
  items: items.map(({ length, ...rest }) => ({ ...rest, end: rest.start + length })),
});

describe('the timeline renderer', () => {
  it('draws every item once, with the DOM contract’s attributes and positions inside the drawing', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const data = dataOf(items);
        const svg = renderTimeline(data, { idPrefix: 't', title: 'T', interactive: true });
        const drawn = drawnItems(svg);
        expect(drawn).toHaveLength(items.length);
        drawn.forEach((attrs) => {
          const source = data.items[Number(attrs['data-index'])];
          expect(source).toBeDefined();
          expect(attrs['data-lane']).toBe(source?.lane);
          expect(attrs['data-kind']).toBe(source?.kind);
          expect(Number(attrs['data-start'])).toBeCloseTo(source?.start ?? NaN, 3);
          expect(Number(attrs['data-end'])).toBeCloseTo(source?.end ?? NaN, 3);
        });
        for (const [, percent] of svg.matchAll(/x\d?="(-?[\d.]+)%"/g)) {
          expect(Number(percent)).toBeGreaterThanOrEqual(0);
          expect(Number(percent)).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('never puts overlapping spans of a lane in the same row while rows are left', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: MAX_ROWS }), (items) => {
        const data = dataOf(items.map((i) => ({ ...i, kind: 'timer' as const })));
        const { placed } = layout(data);
        for (const a of placed) {
          for (const b of placed) {
            if (a === b || a.lane !== b.lane || a.y !== b.y) continue;
            const overlap = a.item.start < b.item.end && b.item.start < a.item.end;
            expect(overlap).toBe(false);
          }
        }
      }),
    );
  });

  it('draws thousands of timers started at once in a bounded height', () => {
    const many = layout({
      lanes,
      items: Array.from({ length: 5000 }, (_, i) => ({
        lane: 'main',
        kind: 'timer' as const,
        start: i / 100,
        end: 1000 + i / 100,
      })),
    });
    expect(new Set(many.placed.map((p) => p.y)).size).toBe(MAX_ROWS);
    expect(many.height).toBeLessThan(400);
  });

  it('keeps spans that follow each other in one row, and stacks those at the same time', () => {
    const loop = layout({
      lanes,
      items: [0, 1, 2, 3, 4].map((i) => ({
        lane: 'main',
        kind: 'timer',
        start: i * 1000,
        end: (i + 1) * 1000,
      })),
    });
    expect(new Set(loop.placed.map((p) => p.y)).size).toBe(1);
    const all = layout({
      lanes,
      items: [0, 1, 2, 3, 4].map(() => ({ lane: 'main', kind: 'timer', start: 0, end: 1000 })),
    });
    expect(new Set(all.placed.map((p) => p.y)).size).toBe(5);
  });

  it('marks a message with its receiver and a pending item as pending', () => {
    const svg = renderTimeline(
      {
        lanes,
        items: [
          { lane: 'main', kind: 'message', to: 'worker 1', start: 1, end: 3 },
          { lane: 'main', kind: 'timer', start: 0, end: 10, pending: true },
        ],
      },
      { idPrefix: 't', title: 'T' },
    );
    const [message, timer] = drawnItems(svg);
    expect(message?.['data-to']).toBe('worker 1');
    expect(timer?.['data-pending']).toBe('');
    expect(svg).toContain('marker-end="url(#t-arrow)"');
  });

  it('escapes what a program printed', () => {
    const data: TimelineData = {
      lanes,
      items: [
        {
          lane: 'main',
          kind: 'log',
          start: 1,
          end: 1,
          label: '<img src=x onerror=alert(1)> & "q"',
        },
      ],
    };
    const html =
      renderTimeline(data, { idPrefix: 't', title: 'T', interactive: true }) +
      renderTable(data, 'c');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
  });

  it('puts about five round ticks on the axis, from 0 to no further than the end', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1e6, noNaN: true }), (duration) => {
        const marks = ticks(duration, 'ms');
        expect(marks[0]).toBe(0);
        expect(marks.length).toBeGreaterThanOrEqual(3);
        expect(marks.length).toBeLessThanOrEqual(11);
        expect(marks.at(-1)).toBeLessThanOrEqual(duration * (1 + 1e-9));
        marks.slice(1).forEach((t, i) => {
          expect(t).toBeGreaterThan(marks[i] ?? Infinity);
        });
      }),
    );
    expect(ticks(5000, 'none')).toEqual([]);
  });

  it('lists only the kinds drawn in the legend, and every item in the table', () => {
    const data: TimelineData = {
      lanes,
      items: [
        { lane: 'main', kind: 'busy', start: 0, end: 5 },
        { lane: 'worker 1', kind: 'timer', start: 0, end: 5 },
      ],
    };
    const legend = renderLegend(data);
    expect(legend).toContain('running JavaScript');
    expect(legend).toContain('timer');
    expect(legend).not.toContain('fetch');
    expect(renderTable(data, 'c').match(/<tr /g)).toHaveLength(3);
    expect(renderTable(data, 'c', 1)).toContain('1 more');
  });
});
