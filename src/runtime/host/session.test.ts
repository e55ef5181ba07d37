import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRACE_LIMIT, type OutputEntry, type RunState, type TraceEvent } from '../protocol';
import { fakeContext } from './fakes';
import { RunSession, type SessionOptions } from './session';

const entry = (text: string, source = 'main'): OutputEntry => ({
  method: 'log',
  id: text,
  data: [text],
  stream: 'stdout',
  source,
  at: 0,
});

const busy = (context: string, start: number): TraceEvent => ({
  type: 'busy',
  context,
  start,
  end: start + 1,
  label: 'setTimeout 0 ms',
});

function started(options?: SessionOptions) {
  const output: string[] = [];
  const states: RunState[] = [];
  const errors: string[] = [];
  const traces: { events: TraceEvent[]; dropped: number }[] = [];
  const calls: string[] = [];
  const session = new RunSession(
    { modules: [], sources: {} },
    '/index.ts',
    'boot',
    {
      output: (entries) => {
        calls.push('output');
        output.push(...entries.map((e) => e.data[0]));
      },
      trace: (events, dropped) => {
        calls.push('trace');
        traces.push({ events, dropped });
      },
      error: (report) => errors.push(report.text),
      state: (state) => {
        calls.push(state);
        states.push(state);
      },
    },
    options,
  );
  const context = fakeContext();
  session.start(context);
  return { session, context, output, states, errors, traces, calls };
}

describe('RunSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('boots the main context on its port and reports running', () => {
    const { context, states } = started();
    expect(context.port.sent[0]).toMatchObject({ kind: 'boot', config: { contextId: '0' } });
    expect(states).toEqual(['running']);
  });

  it('relays output and ends when the tracker sees two idle rounds', () => {
    const { context, output, states } = started();
    context.port.deliver({ kind: 'output', entries: [entry('hello')] });
    expect(output).toEqual(['hello']);
    context.port.deliver({ kind: 'loaded', contextId: '0' });
    const idle = (round: number) => ({
      kind: 'activity',
      snapshot: {
        contextId: '0',
        round,
        timers: 0,
        pending: 0,
        sentTo: {},
        receivedFrom: {},
        sentToParent: 0,
        receivedFromParent: 0,
        children: [],
        loaded: true,
      },
    });
    context.port.deliver(idle(1));
    vi.advanceTimersByTime(40);
    context.port.deliver(idle(2));
    expect(states).toEqual(['running', 'done']);
    expect(context.worker.terminated).toBe(true);
    expect(context.port.closed).toBe(true);
  });

  it('drops forged and malformed messages without throwing', () => {
    const { context, output, states, errors } = started();
    for (const data of [
      null,
      7,
      'x'.repeat(100_000),
      { kind: 'error', report: null, fatal: true },
      { kind: 'error', contextId: '0', source: 'main', report: { kind: 'uncaught' }, fatal: true },
      { kind: 'output', entries: [null, { data: 5 }] },
      { kind: 'activity', snapshot: null },
      { kind: 'closed', contextId: 0 },
      { kind: 'user-message', data: 1 },
    ]) {
      expect(() => {
        context.port.deliver(data);
      }).not.toThrow();
    }
    expect({ output, states, errors }).toEqual({ output: [], states: ['running'], errors: [] });
  });

  it('a fatal error ends the run in error', () => {
    const { context, states, errors } = started();
    context.port.deliver({
      kind: 'error',
      contextId: '0',
      source: 'main',
      report: { kind: 'uncaught', text: 'Uncaught Error: x', name: 'Error', message: 'x' },
      fatal: true,
    });
    expect(errors).toEqual(['Uncaught Error: x']);
    expect(states).toEqual(['running', 'error']);
  });

  it("prints a context's runtime failure, which no context printed", () => {
    const { context, output, states } = started();
    const text = 'The sandbox runtime failed: boom. Run again, or reload the sandbox.';
    context.port.deliver({
      kind: 'error',
      contextId: '0',
      source: 'main',
      report: { kind: 'load', text, name: 'Error', message: text },
      fatal: true,
    });
    expect(output).toEqual([text]);
    expect(states).toEqual(['running', 'error']);
  });

  it('ends visibly when the loader itself fails', () => {
    const { context, output, states } = started();
    context.worker.fail('Script error');
    expect(output[0]).toMatch(/^The sandbox runtime failed: .*Script error.*Run again/);
    expect(states).toEqual(['running', 'error']);
  });

  it('ends when the main program calls close()', () => {
    const { context, states } = started();
    context.port.deliver({ kind: 'closed', contextId: '0.1' });
    expect(states).toEqual(['running']);
    context.port.deliver({ kind: 'closed', contextId: '0' });
    expect(states).toEqual(['running', 'done']);
  });

  it('stop terminates at once and ignores what arrives later', () => {
    const { session, context, output, states } = started();
    session.stop();
    context.port.deliver({ kind: 'output', entries: [entry('late')] });
    session.stop();
    expect(states).toEqual(['running', 'stopped']);
    expect(output).toEqual([]);
    expect(context.worker.terminated).toBe(true);
  });

  it('records a trace unless asked not to', () => {
    expect(started().context.port.sent[0]).toMatchObject({ config: { trace: true } });
    expect(started({ trace: false }).context.port.sent[0]).toMatchObject({
      config: { trace: false },
    });
  });

  it('forwards trace batches with the output interval, and the rest before the final state', () => {
    const { session, context, traces, calls } = started();
    context.port.deliver({ kind: 'trace', events: [busy('0', 1)], dropped: 0 });
    context.port.deliver({ kind: 'trace', events: [busy('0.1', 2)], dropped: 2 });
    expect(traces).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(traces).toEqual([{ events: [busy('0', 1), busy('0.1', 2)], dropped: 2 }]);
    vi.advanceTimersByTime(50);
    expect(traces, 'nothing new, nothing sent').toHaveLength(1);
    context.port.deliver({ kind: 'trace', events: [busy('0', 3)], dropped: 0 });
    session.stop();
    expect(traces.at(-1)).toEqual({ events: [busy('0', 3)], dropped: 2 });
    expect(calls.slice(-2)).toEqual(['trace', 'stopped']);
  });

  it('keeps at most TRACE_LIMIT trace events a run, across contexts, and counts the rest', () => {
    const { session, context, traces } = started();
    const many = (context: string, count: number) =>
      Array.from({ length: count }, (_, i) => busy(context, i));
    context.port.deliver({ kind: 'trace', events: many('0', TRACE_LIMIT - 10), dropped: 0 });
    context.port.deliver({ kind: 'trace', events: many('0.1', 25), dropped: 7 });
    context.port.deliver({ kind: 'trace', events: [], dropped: 1 });
    session.stop();
    const kept = traces.flatMap((batch) => batch.events);
    expect(kept).toHaveLength(TRACE_LIMIT);
    expect(kept.at(-1)).toEqual(busy('0.1', 9));
    expect(traces.at(-1)?.dropped).toBe(15 + 7 + 1);
  });

  it('drops malformed trace batches', () => {
    const { session, context, traces } = started();
    for (const data of [
      { kind: 'trace', events: [{ type: 'busy', context: '0', start: 0 }], dropped: 0 },
      { kind: 'trace', events: [busy('0', 1)] },
      { kind: 'trace', events: null, dropped: 0 },
    ]) {
      context.port.deliver(data);
    }
    session.stop();
    expect(traces).toEqual([]);
  });
});
