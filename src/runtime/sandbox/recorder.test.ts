import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol';
import {
  contextName,
  fetchLabel,
  Recorder,
  TRACE_BATCH,
  TRACE_FLUSH_MS,
  timerLabel,
  type TraceBatch,
} from './recorder';

/** A recorder on a hand-driven clock, whose checkpoint and timers run when the test says. */
function recording(limit?: number) {
  let time = 0;
  let checkpoints = 0;
  const timers: { task: () => void; ms: number }[] = [];
  const batches: TraceBatch[] = [];
  const recorder = new Recorder({
    context: '0.1',
    now: () => time,
    postCheckpoint: () => {
      checkpoints += 1;
    },
    defer: (task, ms) => {
      timers.push({ task, ms });
    },
    send: (batch) => batches.push(batch),
    ...(limit === undefined ? {} : { limit }),
  });
  return {
    recorder,
    batches,
    timers,
    at(ms: number) {
      time = ms;
    },
    get checkpoints() {
      return checkpoints;
    },
    /** The posted checkpoint runs: the recorder's channel delivers its message. */
    checkpoint(ms: number) {
      time = ms;
      checkpoints -= 1;
      recorder.checkpoint();
    },
    /** Everything sent so far, after a flush. */
    events(): TraceEvent[] {
      recorder.flush();
      return batches.flatMap((batch) => batch.events);
    },
  };
}

const busy = (start: number, end: number, label: string): TraceEvent => ({
  type: 'busy',
  context: '0.1',
  start,
  end,
  label,
});

describe('busy slices', () => {
  it('a task and its microtasks make one slice, closed by the checkpoint', () => {
    const r = recording();
    r.at(10);
    r.recorder.enter('setTimeout 0 ms');
    expect(r.checkpoints).toBe(1);
    r.at(12);
    r.recorder.leave();
    r.checkpoint(15);
    expect(r.events()).toEqual([busy(10, 15, 'setTimeout 0 ms')]);
  });

  it('one checkpoint at a time: a task that starts first closes the slice where its callback returned', () => {
    const r = recording();
    r.at(10);
    r.recorder.enter('a');
    r.at(11);
    r.recorder.leave();
    r.at(20);
    r.recorder.enter('b');
    expect(r.checkpoints, 'the pending checkpoint serves the next slice too').toBe(1);
    r.checkpoint(25);
    expect(r.events()).toEqual([busy(10, 11, 'a'), busy(20, 25, 'b')]);
  });

  it('without a known return, the next task closes the slice where it starts', () => {
    const r = recording();
    r.at(10);
    r.recorder.received('0', 1, 'message from main');
    r.at(30);
    r.recorder.received('0', 2, 'message from main');
    r.checkpoint(31);
    expect(r.events()).toEqual([
      { type: 'receive', context: '0.1', from: '0', n: 1, at: 10 },
      busy(10, 30, 'message from main'),
      { type: 'receive', context: '0.1', from: '0', n: 2, at: 30 },
      busy(30, 31, 'message from main'),
    ]);
  });

  it('a checkpoint with no open slice records nothing', () => {
    const r = recording();
    r.at(5);
    r.recorder.enter('a');
    r.checkpoint(6);
    r.checkpoint(7);
    expect(r.events()).toEqual([busy(5, 6, 'a')]);
  });

  it('finish closes the open slice now and sends everything', () => {
    const r = recording();
    r.at(1);
    r.recorder.started('worker 1 (/worker.ts)');
    r.recorder.enter('evaluate /worker.ts');
    r.at(9);
    r.recorder.finish();
    expect(r.batches).toEqual([
      {
        kind: 'trace',
        events: [
          { type: 'context', context: '0.1', label: 'worker 1 (/worker.ts)', at: 1 },
          busy(1, 9, 'evaluate /worker.ts'),
        ],
        dropped: 0,
      },
    ]);
  });

  it('slices never overlap and never run backwards, whatever the order of calls', () => {
    const step = fc.oneof(
      fc.constant('enter' as const),
      fc.constant('leave' as const),
      fc.constant('checkpoint' as const),
      fc.constant('send' as const),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.nat(5)), { maxLength: 60 }), (steps) => {
        const r = recording();
        let time = 0;
        let staged = false;
        for (const [kind, advance] of steps) {
          time += advance;
          r.at(time);
          if (kind === 'enter') r.recorder.enter('task');
          if (kind === 'leave') r.recorder.leave();
          if (kind === 'checkpoint' && r.checkpoints > 0) r.checkpoint(time);
          if (kind === 'send') {
            r.recorder.stageSend('0', 1);
            // Every other send fails to clone.
            if (staged) r.recorder.commitSend();
            else r.recorder.abortSend();
            staged = !staged;
          }
        }
        r.recorder.finish();
        const slices = r.events().filter((e) => e.type === 'busy');
        let last = -Infinity;
        for (const slice of slices) {
          expect(slice.end).toBeGreaterThanOrEqual(slice.start);
          expect(slice.start).toBeGreaterThanOrEqual(last);
          last = slice.end;
        }
      }),
    );
  });
});

describe('spans', () => {
  it('a timeout is one span from scheduling to firing, and its callback a slice', () => {
    const r = recording();
    r.at(0);
    r.recorder.scheduled(7, 'timer', 'setTimeout 1000 ms');
    r.at(1000);
    r.recorder.fired(7);
    r.at(1001);
    r.recorder.returned(7);
    r.checkpoint(1002);
    expect(r.events()).toEqual([
      {
        type: 'begin',
        context: '0.1',
        span: 1,
        kind: 'timer',
        at: 0,
        label: 'setTimeout 1000 ms',
      },
      { type: 'end', context: '0.1', span: 1, at: 1000, outcome: 'fired' },
      busy(1000, 1002, 'setTimeout 1000 ms'),
    ]);
  });

  it('a cleared timeout ends cleared; clearing it again, or after it fired, records nothing', () => {
    const r = recording();
    r.recorder.scheduled(1, 'timer', 'setTimeout 5 ms');
    r.recorder.scheduled(2, 'timer', 'setTimeout 5 ms');
    r.at(3);
    r.recorder.cleared(1);
    r.recorder.cleared(1);
    r.at(5);
    r.recorder.fired(2);
    r.recorder.returned(2);
    r.recorder.cleared(2);
    r.recorder.cleared('not a timer');
    const ends = r.events().filter((e) => e.type === 'end');
    expect(ends).toEqual([
      { type: 'end', context: '0.1', span: 1, at: 3, outcome: 'cleared' },
      { type: 'end', context: '0.1', span: 2, at: 5, outcome: 'fired' },
    ]);
  });

  it('an interval is one span per period, from the previous firing to the next', () => {
    const r = recording();
    r.recorder.scheduled(3, 'interval', 'setInterval 100 ms');
    for (const at of [100, 200, 300]) {
      r.at(at);
      r.recorder.fired(3);
      r.at(at + 1);
      r.recorder.returned(3);
      r.checkpoint(at + 2);
    }
    r.at(350);
    r.recorder.cleared(3);
    const periods = r.events().flatMap((e) => {
      if (e.type === 'begin') return [`begin ${e.span} ${e.kind} @${e.at}`];
      if (e.type === 'end') return [`end ${e.span} ${e.outcome} @${e.at}`];
      return [];
    });
    expect(periods).toEqual([
      'begin 1 interval @0',
      'end 1 fired @100',
      'begin 2 interval @100',
      'end 2 fired @200',
      'begin 3 interval @200',
      'end 3 fired @300',
      'begin 4 interval @300',
      'end 4 cleared @350',
    ]);
  });

  it('an interval cleared by its own callback leaves no empty period', () => {
    const r = recording();
    r.recorder.scheduled(3, 'interval', 'setInterval 10 ms');
    r.at(10);
    r.recorder.fired(3);
    r.recorder.cleared(3);
    r.recorder.returned(3);
    const spans = r.events().filter((e) => e.type === 'begin' || e.type === 'end');
    expect(spans.map((e) => e.type)).toEqual(['begin', 'end']);
  });

  it('a fetch ends settled or failed, and the code awaiting it is a slice', () => {
    const r = recording();
    const span = r.recorder.begin('fetch', 'fetch /a');
    r.at(40);
    r.recorder.settled(span, 'failed', 'fetch /a');
    r.checkpoint(41);
    expect(r.events().slice(1)).toEqual([
      { type: 'end', context: '0.1', span, at: 40, outcome: 'failed' },
      busy(40, 41, 'fetch /a'),
    ]);
  });

  it('a worker span names its child', () => {
    const r = recording();
    const span = r.recorder.begin('worker', 'worker 1.1 (/w.ts)', '0.1.1');
    r.recorder.end(span, 'ended');
    expect(r.events()[0]).toMatchObject({ kind: 'worker', child: '0.1.1' });
  });
});

describe('messages to the parent', () => {
  it('carry the trace so far, the slice cut at the send, and the send itself', () => {
    const r = recording();
    r.at(10);
    r.recorder.received('0', 1, 'message from main');
    r.at(50);
    const batch = r.recorder.stageSend('0', 1);
    expect(batch).toEqual({
      kind: 'trace',
      events: [
        { type: 'receive', context: '0.1', from: '0', n: 1, at: 10 },
        busy(10, 50, 'message from main'),
        { type: 'send', context: '0.1', to: '0', n: 1, at: 50 },
      ],
      dropped: 0,
    });
    r.recorder.commitSend();
    r.checkpoint(51);
    expect(r.events(), 'the rest of the slice follows').toEqual([
      busy(50, 51, 'message from main'),
    ]);
  });

  it('a rest that ran no further is left out', () => {
    const r = recording();
    r.at(10);
    r.recorder.enter('message from main');
    r.at(20);
    r.recorder.stageSend('0', 1);
    r.recorder.commitSend();
    r.recorder.finish();
    expect(r.batches).toHaveLength(0);
  });

  it('an error report sends the open slice so far at once, and its rest later', () => {
    const r = recording();
    r.at(10);
    r.recorder.enter('evaluate /worker.ts');
    r.at(15);
    r.recorder.flushAll();
    expect(r.batches).toEqual([
      { kind: 'trace', events: [busy(10, 15, 'evaluate /worker.ts')], dropped: 0 },
    ]);
    r.checkpoint(16);
    expect(r.events().slice(1)).toEqual([busy(15, 16, 'evaluate /worker.ts')]);
  });

  it('a message that could not be sent leaves the buffer as it was', () => {
    const r = recording();
    r.at(10);
    r.recorder.enter('setTimeout 0 ms');
    r.at(20);
    r.recorder.stageSend('0', 1);
    r.recorder.abortSend();
    r.at(30);
    r.recorder.stageSend('0', 1);
    r.recorder.commitSend();
    r.recorder.finish();
    expect(r.batches).toHaveLength(0);
    r.checkpoint(31);
    expect(r.events()).toEqual([]);
  });
});

describe('batches and the cap', () => {
  it('a batch goes up a while after its first event, or at once when full', () => {
    const r = recording();
    r.recorder.started('main');
    expect(r.timers).toHaveLength(1);
    expect(r.timers[0]?.ms).toBe(TRACE_FLUSH_MS);
    r.recorder.sent('0.1', 1);
    expect(r.timers, 'one timer for the batch').toHaveLength(1);
    r.timers[0]?.task();
    expect(r.batches.map((b) => b.events.length)).toEqual([2]);
    for (let n = 1; n <= TRACE_BATCH; n++) r.recorder.sent('0.1', n);
    expect(r.batches.map((b) => b.events.length)).toEqual([2, TRACE_BATCH]);
  });

  it("a child's batch goes up with this context's own, outside its cap", () => {
    const r = recording(1);
    r.recorder.sent('0.1.1', 1);
    const child: TraceEvent = { type: 'context', context: '0.1.1', label: 'worker 1.1', at: 3 };
    r.recorder.adopt({ events: [child, child], dropped: 4 });
    r.recorder.sent('0.1.1', 2);
    r.recorder.flush();
    expect(r.batches).toEqual([
      {
        kind: 'trace',
        events: [{ type: 'send', context: '0.1', to: '0.1.1', n: 1, at: 0 }, child, child],
        dropped: 5,
      },
    ]);
    expect(r.timers, 'one timer for the batch').toHaveLength(1);
  });

  it('keeps at most `limit` events, and counts the rest in the next batch', () => {
    const r = recording(3);
    for (let n = 1; n <= 5; n++) r.recorder.sent('0', n);
    r.recorder.flush();
    r.recorder.sent('0', 6);
    r.recorder.flush();
    r.recorder.flush();
    expect(
      r.batches.map((b) => [b.events.map((e) => (e.type === 'send' ? e.n : 0)), b.dropped]),
    ).toEqual([
      [[1, 2, 3], 2],
      [[], 1],
    ]);
  });

  it('a message to the parent keeps within the cap too, and its failure restores the count', () => {
    const r = recording(2);
    r.recorder.sent('0', 1);
    r.recorder.stageSend('0', 2);
    r.recorder.abortSend();
    const batch = r.recorder.stageSend('0', 2);
    expect(batch.events).toHaveLength(2);
    r.recorder.commitSend();
    r.recorder.sent('0', 3);
    r.recorder.flush();
    expect(r.batches.map((b) => b.dropped)).toEqual([1]);
  });
});

describe('labels', () => {
  it('name timers and fetches without calling user code', () => {
    expect(timerLabel('timer', 1000)).toBe('setTimeout 1000 ms');
    expect(timerLabel('interval', '50')).toBe('setInterval 50 ms');
    expect(timerLabel('timer', undefined)).toBe('setTimeout 0 ms');
    expect(timerLabel('timer', -5)).toBe('setTimeout 0 ms');
    const valueOf = () => {
      throw new Error('called');
    };
    expect(timerLabel('timer', { valueOf })).toBe('setTimeout 0 ms');
    expect(fetchLabel('/data.json')).toBe('fetch /data.json');
    expect(fetchLabel(new URL('https://example.com/x'))).toBe('fetch https://example.com/x');
    expect(fetchLabel({ toString: valueOf })).toBe('fetch request');
    expect(fetchLabel(`data:,${'x'.repeat(10_000)}`).length).toBeLessThan(130);
  });

  it('name contexts as their lanes do', () => {
    expect(contextName('0')).toBe('main');
    expect(contextName('0.2')).toBe('worker 2');
    expect(contextName('0.1.3')).toBe('worker 1.3');
  });
});
