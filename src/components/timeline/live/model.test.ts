import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutputEntry, TraceEvent } from '../../../runtime/protocol';
import { buildTimeline, coalesce, laneName, type RunRecord } from './model';

const run = (events: TraceEvent[], extra: Partial<RunRecord> = {}): RunRecord => ({
  events,
  dropped: 0,
  entries: [],
  running: false,
  elapsed: 100,
  ...extra,
});

const log = (text: string, at: number, source = 'main'): OutputEntry => ({
  method: 'log',
  id: `${at}`,
  data: [text],
  stream: 'stdout',
  source,
  at,
});

describe('a run’s timeline', () => {
  it('names lanes as the DOM contract says: main, worker 1, worker 1.2', () => {
    expect(laneName('0')).toBe('main');
    expect(laneName('0.1')).toBe('worker 1');
    expect(laneName('0.1.2')).toBe('worker 1.2');
  });

  it('orders lanes main first, then workers by creation, even when a child reported first', () => {
    const { lanes } = buildTimeline(
      run([
        { type: 'context', context: '0.10', label: 'worker 10 (/w.ts)', at: 5 },
        { type: 'context', context: '0.2', label: 'worker 2 (/w.ts)', at: 3 },
        { type: 'context', context: '0', label: 'main', at: 0 },
      ]),
    );
    expect(lanes.map((lane) => lane.id)).toEqual(['main', 'worker 2', 'worker 10']);
    expect(lanes[1]?.label).toBe('worker 2 (/w.ts)');
  });

  it('pairs a span’s begin with its end, and ends one never ended at the run’s end, pending', () => {
    const { items } = buildTimeline(
      run(
        [
          { type: 'begin', context: '0', span: 1, kind: 'timer', at: 0, label: 'setTimeout 10 ms' },
          { type: 'end', context: '0', span: 1, at: 10, outcome: 'fired' },
          {
            type: 'begin',
            context: '0',
            span: 2,
            kind: 'timer',
            at: 10,
            label: 'setTimeout 1000 ms',
          },
        ],
        { elapsed: 250 },
      ),
    );
    expect(items).toEqual([
      { lane: 'main', kind: 'timer', start: 0, end: 10, label: 'setTimeout 10 ms' },
      {
        lane: 'main',
        kind: 'timer',
        start: 10,
        end: 250,
        label: 'setTimeout 1000 ms',
        pending: true,
      },
    ]);
  });

  it('draws a worker’s life in its own lane and a message from the send to the handler', () => {
    const { items } = buildTimeline(
      run([
        {
          type: 'begin',
          context: '0',
          span: 1,
          kind: 'worker',
          at: 2,
          label: 'worker 1 (/w.ts)',
          child: '0.1',
        },
        { type: 'send', context: '0', to: '0.1', n: 1, at: 3 },
        { type: 'send', context: '0', to: '0.1', n: 2, at: 4 },
        { type: 'receive', context: '0.1', from: '0', n: 2, at: 9 },
        { type: 'receive', context: '0.1', from: '0', n: 1, at: 8 },
        { type: 'end', context: '0', span: 1, at: 20, outcome: 'ended' },
      ]),
    );
    expect(items.find((i) => i.kind === 'thread')).toMatchObject({
      lane: 'worker 1',
      start: 2,
      end: 20,
    });
    const messages = items.filter((i) => i.kind === 'message');
    expect(messages.map((m) => [m.lane, m.to, m.start, m.end])).toEqual([
      ['main', 'worker 1', 3, 8],
      ['main', 'worker 1', 4, 9],
    ]);
  });

  it('never draws a message arriving before it left (each thread reads its own clock)', () => {
    const { items } = buildTimeline(
      run([
        { type: 'send', context: '0.1', to: '0', n: 1, at: 50 },
        { type: 'receive', context: '0', from: '0.1', n: 1, at: 47.5 },
      ]),
    );
    expect(items.find((i) => i.kind === 'message')).toMatchObject({ start: 50, end: 50 });
  });

  it('marks each console line in the lane of the thread that printed it', () => {
    const { items } = buildTimeline(
      run([{ type: 'context', context: '0.1', label: 'worker 1 (/w.ts)', at: 1 }], {
        entries: [log('hello\nsecond line', 5), log('from the worker', 7, 'worker 1 (/w.ts)')],
      }),
    );
    expect(items.filter((i) => i.kind === 'log')).toEqual([
      { lane: 'main', kind: 'log', start: 5, end: 5, label: 'hello' },
      { lane: 'worker 1', kind: 'log', start: 7, end: 7, label: 'from the worker' },
    ]);
  });

  it('has a main lane before anything was recorded', () => {
    expect(buildTimeline(run([])).lanes).toEqual([{ id: 'main', label: 'main' }]);
  });
});

describe('coalescing for drawing', () => {
  const slices = fc.array(
    fc.record({
      start: fc.integer({ min: 0, max: 10_000 }),
      length: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 60 },
  );

  it('covers every busy slice by one drawn slice of its lane, with no more slices than it was given', () => {
    fc.assert(
      fc.property(slices, fc.integer({ min: 0, max: 20 }), (raw, resolution) => {
        const items = raw.map(({ start, length }) => ({
          lane: 'main',
          kind: 'busy' as const,
          start,
          end: start + length,
        }));
        const drawn = coalesce({ lanes: [{ id: 'main', label: 'main' }], items }, resolution).items;
        expect(drawn.length).toBeLessThanOrEqual(items.length);
        for (const item of items) {
          expect(drawn.some((d) => d.start <= item.start && d.end >= item.end)).toBe(true);
        }
      }),
    );
  });

  it('keeps slices far apart as they are', () => {
    const items = [0, 100, 200].map((start) => ({
      lane: 'main',
      kind: 'busy' as const,
      start,
      end: start + 1,
    }));
    expect(coalesce({ lanes: [], items }, 5).items).toHaveLength(3);
    expect(coalesce({ lanes: [], items }, 150).items).toHaveLength(1);
  });
});

describe('a coalesced slice', () => {
  it('is named after its longest task', () => {
    const items = [
      { lane: 'main', kind: 'busy' as const, start: 0, end: 0.5, label: 'setInterval 10 ms' },
      { lane: 'main', kind: 'busy' as const, start: 0.6, end: 1.5, label: 'message from main' },
      { lane: 'main', kind: 'busy' as const, start: 1.6, end: 2, label: 'setInterval 10 ms' },
    ];
    const [drawn] = coalesce({ lanes: [], items }, 1).items;
    expect(drawn).toMatchObject({ start: 0, end: 2, label: 'message from main and 2 more tasks' });
  });

  it('keeps a long slice (a blocked thread) apart from the short ones beside it', () => {
    const items = [
      { lane: 'main', kind: 'busy' as const, start: 0, end: 0.5, label: 'setInterval 100 ms' },
      { lane: 'main', kind: 'busy' as const, start: 0.6, end: 1000, label: 'setTimeout 350 ms' },
      {
        lane: 'main',
        kind: 'busy' as const,
        start: 1000.1,
        end: 1000.5,
        label: 'setInterval 100 ms',
      },
    ];
    expect(coalesce({ lanes: [], items }, 1).items.map((i) => i.label)).toEqual([
      'setInterval 100 ms',
      'setTimeout 350 ms',
      'setInterval 100 ms',
    ]);
  });
});
