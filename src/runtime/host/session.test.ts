import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputEntry, RunState } from '../protocol';
import { fakeContext } from './fakes';
import { RunSession } from './session';

const entry = (text: string, source = 'main'): OutputEntry => ({
  method: 'log',
  id: text,
  data: [text],
  stream: 'stdout',
  source,
  at: 0,
});

function started() {
  const output: string[] = [];
  const states: RunState[] = [];
  const errors: string[] = [];
  const session = new RunSession({ modules: [], sources: {} }, '/index.ts', 'boot', {
    output: (entries) => output.push(...entries.map((e) => e.data[0])),
    error: (report) => errors.push(report.text),
    state: (state) => states.push(state),
  });
  const context = fakeContext();
  session.start(context);
  return { session, context, output, states, errors };
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
});
