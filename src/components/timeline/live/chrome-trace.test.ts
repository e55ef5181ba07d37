import { describe, expect, it } from 'vitest';
import { chromeTrace } from './chrome-trace';

interface Event {
  name: string;
  ph: string;
  tid: number;
  ts?: number;
  dur?: number;
  id?: number;
  args?: { name?: string };
}

describe('the trace download', () => {
  it('is Chrome trace-event JSON: named threads, slices in µs, paired async spans and flows', () => {
    const json = chromeTrace(
      {
        lanes: [
          { id: 'main', label: 'main' },
          { id: 'worker 1', label: 'worker 1 (/w.ts)' },
        ],
        items: [
          { lane: 'main', kind: 'busy', start: 1.5, end: 2.25, label: 'module evaluation' },
          { lane: 'main', kind: 'timer', start: 0, end: 1000, label: 'setTimeout 1000 ms' },
          { lane: 'main', kind: 'message', to: 'worker 1', start: 3, end: 4 },
          { lane: 'worker 1', kind: 'log', start: 5, end: 5, label: 'hi' },
        ],
      },
      'A run',
    );
    const { traceEvents } = JSON.parse(json) as { traceEvents: Event[] };
    const names = traceEvents
      .filter((e) => e.name === 'thread_name')
      .map((e) => [e.tid, e.args?.name]);
    expect(names).toEqual([
      [1, 'main'],
      [2, 'worker 1 (/w.ts)'],
    ]);
    expect(traceEvents.find((e) => e.ph === 'X')).toMatchObject({ ts: 1500, dur: 750, tid: 1 });
    const begin = traceEvents.find((e) => e.ph === 'b');
    const end = traceEvents.find((e) => e.ph === 'e');
    expect(begin?.id).toBe(end?.id);
    expect([begin?.ts, end?.ts]).toEqual([0, 1_000_000]);
    const flow = traceEvents.filter((e) => e.ph === 's' || e.ph === 'f');
    expect(flow.map((e) => [e.ph, e.tid, e.ts])).toEqual([
      ['s', 1, 3000],
      ['f', 2, 4000],
    ]);
    expect(traceEvents.find((e) => e.ph === 'i')).toMatchObject({ name: 'hi', tid: 2, ts: 5000 });
  });
});
