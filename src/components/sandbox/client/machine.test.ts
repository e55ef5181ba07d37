import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutputEntry, RunState, TraceEvent } from '../../../runtime/protocol';
import {
  initialMachine,
  machineEventOf,
  PING_TIMEOUT,
  RUNTIME_HEALTHS,
  runtimeNotice,
  SANDBOX_STATES,
  step,
  type Effect,
  type Machine,
  type MachineEvent,
} from './machine';

function entry(text: string): OutputEntry {
  return { method: 'log', id: text, data: [text], stream: 'stdout', source: 'main', at: 0 };
}

function busy(label: string): TraceEvent {
  return { type: 'busy', context: '0', start: 0, end: 1, label };
}

function trace(runId: number, labels: string[], dropped = 0): MachineEvent {
  return { type: 'trace', runId, events: labels.map(busy), dropped };
}

const labelsOf = (machine: Machine) =>
  machine.trace.map((event) => (event.type === 'busy' ? event.label : event.type));

function runState(runId: number, state: RunState, internal = false): MachineEvent {
  return { type: 'run-state', runId, state, elapsed: 12, dropped: 0, internal };
}

/** Applies events in order; returns the machine and every effect, in order. */
function play(events: MachineEvent[], from: Machine = initialMachine()): [Machine, Effect[]] {
  let machine = from;
  const effects: Effect[] = [];
  for (const event of events) {
    const [next, more] = step(machine, event);
    machine = next;
    effects.push(...more);
  }
  return [machine, effects];
}

const ready: MachineEvent[] = [{ type: 'warm-up' }, { type: 'runtime-ready' }];

describe('sandbox machine', () => {
  it('sends a run pressed before the runtime is ready once, when it is', () => {
    const [machine, effects] = play([
      { type: 'run', now: 0 },
      { type: 'warm-up' },
      { type: 'runtime-ready' },
      // Every compile ends in another `done`.
      { type: 'runtime-ready' },
    ]);
    expect(effects.filter((effect) => effect.type === 'send-run')).toHaveLength(1);
    expect(effects.filter((effect) => effect.type === 'start-runtime')).toHaveLength(1);
    expect(machine.state).toBe('loading');
    expect(machine.pendingRun).toBe(false);
  });

  it('ignores the output of a superseded run', () => {
    const [machine] = play([
      ...ready,
      { type: 'run', now: 0 },
      runState(1, 'running'),
      { type: 'console', runId: 1, log: [entry('first 1')] },
      { type: 'run', now: 10 },
      // Still in flight from run 1.
      { type: 'console', runId: 1, log: [entry('first 2')] },
      runState(1, 'stopped'),
      runState(2, 'running'),
      { type: 'console', runId: 2, log: [entry('second')] },
      runState(2, 'done'),
    ]);
    expect(machine.entries.map((e) => e.data[0])).toEqual(['second']);
    expect(machine.state).toBe('done');
  });

  it('keeps the trace of the run on screen, as its output', () => {
    const [machine] = play([
      ...ready,
      { type: 'run', now: 0 },
      runState(1, 'running'),
      trace(1, ['a']),
      trace(1, ['b'], 3),
      { type: 'run', now: 10 },
      // Still in flight from run 1.
      trace(1, ['late'], 4),
      runState(1, 'stopped'),
    ]);
    expect(machine.trace).toEqual([]);
    expect(machine.traceDropped).toBe(0);
    const [next] = play([runState(2, 'running'), trace(2, ['c'], 1), trace(2, ['d'], 2)], machine);
    expect(labelsOf(next)).toEqual(['c', 'd']);
    expect(next.traceDropped).toBe(2);
    const [stale] = play([trace(1, ['old'])], next);
    expect(labelsOf(stale)).toEqual(['c', 'd']);
  });

  it('a trace of a newer run shows that run, without the older output', () => {
    const [machine] = play([
      ...ready,
      { type: 'run', now: 0 },
      runState(1, 'running'),
      { type: 'console', runId: 1, log: [entry('first')] },
      trace(1, ['first']),
      runState(1, 'done'),
      trace(2, ['second']),
    ]);
    expect(machine.shownRun).toBe(2);
    expect(machine.entries).toEqual([]);
    expect(labelsOf(machine)).toEqual(['second']);
    const [printed] = play([{ type: 'console', runId: 3, log: [entry('third')] }], machine);
    expect(printed.trace).toEqual([]);
  });

  it('maps sandbox/trace to a trace event', () => {
    expect(
      machineEventOf({ type: 'sandbox/trace', runId: 4, events: [busy('x')], dropped: 1 }),
    ).toEqual({ type: 'trace', runId: 4, events: [busy('x')], dropped: 1 });
  });

  it('ignores a stale run-state', () => {
    const [machine] = play([
      ...ready,
      { type: 'run', now: 0 },
      runState(2, 'running'),
      runState(1, 'done'),
    ]);
    expect(machine.state).toBe('running');
    expect(machine.shownRun).toBe(2);
  });

  it('marks a runtime that does not answer pings unresponsive, and a pong clears it', () => {
    const [first, effects] = play([...ready, { type: 'heartbeat', now: 0 }]);
    expect(effects).toContainEqual({ type: 'send-ping', id: 1 });
    let machine = first;
    [machine] = play(
      [
        { type: 'heartbeat', now: 1_000 },
        { type: 'heartbeat', now: PING_TIMEOUT - 1 },
      ],
      machine,
    );
    expect(machine.runtime).toBe('ready');
    [machine] = play([{ type: 'heartbeat', now: PING_TIMEOUT }], machine);
    expect(machine.runtime).toBe('unresponsive');
    expect(runtimeNotice(machine)?.message).toBe('The sandbox runtime is not responding.');
    [machine] = play([{ type: 'pong', id: 2 }], machine);
    expect(machine.runtime).toBe('ready');
    expect(runtimeNotice(machine)).toBeUndefined();
  });

  it('does not count time while the sandbox is hidden', () => {
    const [machine] = play([
      ...ready,
      { type: 'heartbeat', now: 0 },
      { type: 'hidden' },
      { type: 'heartbeat', now: 60_000 },
    ]);
    expect(machine.runtime).toBe('ready');
  });

  it('ignores a pong for a ping it never sent', () => {
    const [machine] = play([
      ...ready,
      { type: 'heartbeat', now: 0 },
      { type: 'heartbeat', now: PING_TIMEOUT },
      { type: 'pong', id: 99 },
    ]);
    expect(machine.runtime).toBe('unresponsive');
  });

  it('reloads to a state where Run works', () => {
    let [machine, effects] = play([
      ...ready,
      { type: 'run', now: 0 },
      runState(7, 'running'),
      { type: 'heartbeat', now: 0 },
      { type: 'heartbeat', now: PING_TIMEOUT },
      { type: 'reload' },
    ]);
    expect(effects).toContainEqual({ type: 'reload-runtime' });
    expect(machine.state).toBe('stopped');
    expect(runtimeNotice(machine)).toBeUndefined();
    [machine, effects] = play(
      [
        { type: 'run', now: 100 },
        { type: 'runtime-ready' },
        // The new runtime counts from 1.
        runState(1, 'running'),
        { type: 'console', runId: 1, log: [entry('hi')] },
        runState(1, 'done'),
      ],
      machine,
    );
    expect(effects).toEqual([{ type: 'send-run' }]);
    expect(machine.state).toBe('done');
    expect(machine.entries.map((e) => e.data[0])).toEqual(['hi']);
  });

  it('offers Reload sandbox after an internal failure, not after a program error', () => {
    const [program] = play([...ready, { type: 'run', now: 0 }, runState(1, 'error')]);
    expect(runtimeNotice(program)).toBeUndefined();
    const [internal] = play([...ready, { type: 'run', now: 0 }, runState(1, 'error', true)]);
    expect(runtimeNotice(internal)?.kind).toBe('internal');
    const [again] = play([{ type: 'run', now: 1 }], internal);
    expect(runtimeNotice(again)).toBeUndefined();
  });

  it('ends a waiting run in an error when the runtime cannot start, and Run tries again', () => {
    const [failed] = play([{ type: 'run', now: 0 }, { type: 'runtime-failed' }]);
    expect(failed.state).toBe('error');
    expect(runtimeNotice(failed)?.kind).toBe('runtime-load');
    const [machine, effects] = play([{ type: 'run', now: 5 }], failed);
    expect(effects).toEqual([{ type: 'start-runtime' }]);
    expect(machine.runtime).toBe('starting');
  });

  it('cancels a run still waiting for the runtime on Stop', () => {
    const [machine, effects] = play([
      { type: 'run', now: 0 },
      { type: 'stop' },
      { type: 'runtime-ready' },
    ]);
    expect(machine.state).toBe('stopped');
    expect(effects.some((effect) => effect.type === 'send-run')).toBe(false);
  });
});

const entries = fc.array(
  fc.string({ maxLength: 4 }).map((text) => entry(text)),
  { maxLength: 3 },
);
const runId = fc.integer({ min: 0, max: 6 });
const event: fc.Arbitrary<MachineEvent> = fc.oneof(
  fc.record({ type: fc.constant('run' as const), now: fc.nat(20_000) }),
  fc.constant({ type: 'stop' as const }),
  fc.constant({ type: 'warm-up' as const }),
  fc.constant({ type: 'runtime-ready' as const }),
  fc.constant({ type: 'runtime-failed' as const }),
  fc.record({ type: fc.constant('console' as const), runId, log: entries }),
  fc.record({
    type: fc.constant('trace' as const),
    runId,
    events: fc.array(fc.string({ maxLength: 4 }).map(busy), { maxLength: 3 }),
    dropped: fc.nat(10),
  }),
  fc.record({
    type: fc.constant('run-state' as const),
    runId,
    state: fc.constantFrom<RunState>('running', 'done', 'error', 'stopped'),
    elapsed: fc.nat(10_000),
    dropped: fc.nat(10),
    internal: fc.boolean(),
  }),
  fc.record({ type: fc.constant('tick' as const), now: fc.nat(20_000) }),
  fc.record({ type: fc.constant('heartbeat' as const), now: fc.nat(20_000) }),
  fc.record({ type: fc.constant('pong' as const), id: fc.integer({ min: -1, max: 8 }) }),
  fc.constant({ type: 'hidden' as const }),
  fc.constant({ type: 'reload' as const }),
);

describe('sandbox machine, any sequence of events', () => {
  it('never throws and keeps its state and runtime health to the allowed values', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let machine = initialMachine();
        for (const e of events) {
          [machine] = step(machine, e);
          expect(SANDBOX_STATES).toContain(machine.state);
          expect(RUNTIME_HEALTHS).toContain(machine.runtime);
          expect(machine.pendingRun && machine.runtime !== 'starting').toBe(false);
        }
      }),
    );
  });

  it('after Run and its run-state done, shows exactly the output and trace of that run', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 30 }),
        fc.array(entries, { maxLength: 3 }),
        fc.array(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), { maxLength: 3 }),
        fc.boolean(),
        (before, batches, traces, traceFirst) => {
          let [machine] = play([...before, ...ready]);
          const id = machine.shownRun + 1;
          const late = { type: 'console', runId: machine.shownRun, log: [entry('late')] } as const;
          const lateTrace = trace(machine.shownRun, ['late']);
          const output = batches.map((log) => ({ type: 'console' as const, runId: id, log }));
          const recorded = traces.map((labels, i) => trace(id, labels, i));
          [machine] = play(
            [
              { type: 'run', now: 0 },
              late,
              lateTrace,
              ...(traceFirst ? [] : [runState(id, 'running')]),
              ...recorded,
              ...output,
              late,
              lateTrace,
              runState(id, 'done'),
            ],
            machine,
          );
          expect(machine.state).toBe('done');
          expect(machine.entries).toEqual(batches.flat());
          expect(labelsOf(machine)).toEqual(traces.flat());
          expect(machine.traceDropped).toBe(Math.max(0, traces.length - 1));
        },
      ),
    );
  });
});
