import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isStepTrace,
  type Step,
  type StepEnd,
  type StepFrame,
  type StepTrace,
} from '../../runtime/protocol';
import {
  clampIndex,
  counterText,
  depthAt,
  describeEnd,
  describeJob,
  describeStep,
  describeTask,
  describeTurn,
  formatMs,
  lastIndex,
  nextTurn,
  runToEnd,
  startsTurn,
  stepBack,
  stepForward,
  stepOut,
  stepOver,
} from './model';

// ---------------------------------------------------------------------------
// Generated traces

const TURNS = ['script', 'microtask:1', 'microtask:2', 'task:1', 'task:2'] as const;

const frameArb: fc.Arbitrary<StepFrame> = fc.record({
  name: fc.constantFrom('(module)', 'main', 'task', '(anonymous)'),
  async: fc.boolean(),
  resumed: fc.boolean(),
});

const endArb: fc.Arbitrary<StepEnd> = fc.oneof(
  fc.constant({ kind: 'done' as const }),
  fc.record({
    kind: fc.constantFrom('error' as const, 'limit' as const, 'compile' as const),
    message: fc.string(),
  }),
  fc.record({
    kind: fc.constant('unsupported' as const),
    api: fc.constantFrom('fetch', 'Worker'),
    message: fc.string(),
  }),
);

interface RawStep {
  kind: Step['kind'];
  turn: string;
  stack: StepFrame[];
  microtasks: number[];
  tasks: number[];
  printed: number;
  elapsed: number;
}

const rawStepArb: fc.Arbitrary<RawStep> = fc.record({
  kind: fc.constantFrom('node', 'microtask', 'task', 'finish', 'end'),
  turn: fc.constantFrom(...TURNS),
  stack: fc.array(frameArb, { maxLength: 5 }),
  microtasks: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }),
  tasks: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  printed: fc.nat(2),
  elapsed: fc.nat(20),
});

/** A valid trace: console counts and the clock never go back; ids point into jobs and tasks (mostly). */
const traceArb: fc.Arbitrary<StepTrace> = fc
  .record({
    raw: fc.array(rawStepArb, { minLength: 1, maxLength: 40 }),
    end: endArb,
    // Ids 1-5 exist; 6 (microtasks) is left out on purpose: the view names a missing one by its id.
    jobs: fc.constant([1, 2, 3, 4, 5]),
    tasks: fc.constant([1, 2, 3, 4]),
  })
  .map(({ raw, end, jobs, tasks }) => {
    let printed = 0;
    let clock = 0;
    const steps: Step[] = raw.map((step, index) => {
      printed += step.printed;
      clock += step.elapsed;
      return {
        kind: index === raw.length - 1 ? 'end' : step.kind,
        note: `note ${index}`,
        ...(index % 3 === 0
          ? {
              location: {
                path: '/index.ts',
                line: index + 1,
                column: 1,
                endLine: index + 1,
                endColumn: 9,
              },
            }
          : {}),
        stack: step.stack,
        microtasks: step.microtasks,
        tasks: step.tasks,
        console: printed,
        clock,
        turn: step.turn,
      };
    });
    return {
      steps,
      jobs: jobs.map((id) => ({
        id,
        spec: id % 2 === 0 ? ('NewPromiseReactionJob' as const) : ('queueMicrotask' as const),
        label: `job ${id}`,
        queuedBy: `line ${id}, in main`,
      })),
      tasks: tasks.map((id) => ({
        id,
        kind: 'setTimeout' as const,
        label: `setTimeout ${id * 10} ms (line ${id})`,
        scheduled: 0,
        due: id * 10,
      })),
      console: Array.from({ length: printed }, (_, line) => ({
        text: `line ${line}`,
        stream: line % 4 === 3 ? ('stderr' as const) : ('stdout' as const),
        at: line,
      })),
      end,
      recordMs: 1,
    };
  });

const withIndex = traceArb.chain((trace) =>
  fc.record({ trace: fc.constant(trace), index: fc.integer({ min: 0, max: lastIndex(trace) }) }),
);

const repeat = (times: number, move: (index: number) => number, from: number): number => {
  let index = from;
  for (let i = 0; i < times; i++) index = move(index);
  return index;
};

// ---------------------------------------------------------------------------

describe('generated traces', () => {
  it('are valid traces', () => {
    fc.assert(fc.property(traceArb, (trace) => isStepTrace(trace)));
  });
});

describe('stepping forward and back', () => {
  it('N steps forward then N back returns to the start (when the end is not reached)', () => {
    fc.assert(
      fc.property(withIndex, fc.nat(50), ({ trace, index }, n) => {
        const times = Math.min(n, lastIndex(trace) - index);
        const there = repeat(times, (i) => stepForward(trace, i), index);
        expect(there).toBe(index + times);
        expect(repeat(times, (i) => stepBack(trace, i), there)).toBe(index);
      }),
    );
  });

  it('renders the same view after N forward and N back', () => {
    fc.assert(
      fc.property(withIndex, fc.nat(10), ({ trace, index }, n) => {
        const times = Math.min(n, lastIndex(trace) - index);
        const back = repeat(
          times,
          (i) => stepBack(trace, i),
          repeat(times, (i) => stepForward(trace, i), index),
        );
        expect(describeStep(trace, back)).toStrictEqual(describeStep(trace, index));
      }),
    );
  });

  it('stays within the trace, at either end and for any number given', () => {
    fc.assert(
      fc.property(traceArb, fc.double(), (trace, wild) => {
        const last = lastIndex(trace);
        expect(stepForward(trace, last)).toBe(last);
        expect(stepBack(trace, 0)).toBe(0);
        expect(runToEnd(trace)).toBe(last);
        const clamped = clampIndex(trace, wild);
        expect(Number.isInteger(clamped) && clamped >= 0 && clamped <= last).toBe(true);
      }),
    );
  });
});

describe('step over', () => {
  it('never moves back, and moves forward unless at the last step', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const next = stepOver(trace, index);
        expect(next).toBeGreaterThanOrEqual(index);
        if (index < lastIndex(trace)) expect(next).toBeGreaterThan(index);
      }),
    );
  });

  it('never skips a step of the same turn whose depth is at most the current one', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const next = stepOver(trace, index);
        for (let skipped = index + 1; skipped < next; skipped++) {
          expect(startsTurn(trace, skipped)).toBe(false);
          expect(depthAt(trace, skipped)).toBeGreaterThan(depthAt(trace, index));
        }
      }),
    );
  });

  it('lands on a depth at most the current one in the same turn, or on the next turn', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const next = stepOver(trace, index);
        if (next === index || next === lastIndex(trace)) return;
        const sameTurnNoDeeper =
          !startsTurn(trace, next) && depthAt(trace, next) <= depthAt(trace, index);
        expect(sameTurnNoDeeper || next === nextTurn(trace, index)).toBe(true);
      }),
    );
  });

  it('is Step when the next step is no deeper, and goes no further than the next turn', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        if (depthAt(trace, index + 1) <= depthAt(trace, index)) {
          expect(stepOver(trace, index)).toBe(stepForward(trace, index));
        }
        expect(stepOver(trace, index)).toBeLessThanOrEqual(nextTurn(trace, index));
      }),
    );
  });
});

describe('step out', () => {
  it('lands on a smaller depth in the same turn, or on the next turn, skipping only deeper or equal steps', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const next = stepOut(trace, index);
        const depth = depthAt(trace, index);
        for (let skipped = index + 1; skipped < next; skipped++) {
          expect(startsTurn(trace, skipped)).toBe(false);
          expect(depthAt(trace, skipped)).toBeGreaterThanOrEqual(depth);
        }
        if (next === index) {
          expect(index).toBe(lastIndex(trace));
          return;
        }
        const shallower = !startsTurn(trace, next) && depthAt(trace, next) < depth;
        expect(shallower || next === nextTurn(trace, index)).toBe(true);
      }),
    );
  });

  it('goes at least as far as step over, which goes at least as far as Step', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        expect(stepOut(trace, index)).toBeGreaterThanOrEqual(stepOver(trace, index));
        expect(stepOver(trace, index)).toBeGreaterThanOrEqual(stepForward(trace, index));
      }),
    );
  });

  it('at depth 0 goes to the next turn', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        if (depthAt(trace, index) === 0) expect(stepOut(trace, index)).toBe(nextTurn(trace, index));
      }),
    );
  });
});

describe('the view of a step', () => {
  it('shows the counter, the stack innermost first, the queues by id and the console so far', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const view = describeStep(trace, index);
        const step = trace.steps[index];
        if (!step) throw new Error('no step');
        expect(view.counter).toBe(`${index + 1} / ${trace.steps.length}`);
        expect(view.stack.map((frame) => frame.name)).toEqual(
          step.stack.map((frame) => frame.name).reverse(),
        );
        expect(view.microtasks.map((job) => job.id)).toEqual(step.microtasks);
        expect(view.tasks.map((task) => task.id)).toEqual(step.tasks);
        expect(view.console).toBe(step.console);
        expect(view.freshConsole).toBe(step.console - (trace.steps[index - 1]?.console ?? 0));
        expect(view.kind).toBe(step.kind);
        expect(view.caption).toBe(`Step ${index + 1}: ${step.note}`);
        // A finished recording says so at its last step; one cut short, at every step.
        expect(view.end === undefined).toBe(
          index !== lastIndex(trace) && trace.end.kind === 'done',
        );
        expect(view.announcement.includes(describeEnd(trace.end).title)).toBe(
          index === lastIndex(trace) || step.note.includes(describeEnd(trace.end).title),
        );
        expect(view.location).toBe(step.location);
      }),
    );
  });

  it('marks queue entries that were not in the queue at the step before', () => {
    fc.assert(
      fc.property(withIndex, ({ trace, index }) => {
        const before = trace.steps[index - 1];
        for (const job of describeStep(trace, index).microtasks) {
          expect(job.fresh).toBe(before !== undefined && !before.microtasks.includes(job.id));
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// A hand-made trace: the script calls main (async), which awaits; a microtask resumes it.

const frame = (name: string, async = false, resumed = false): StepFrame => ({
  name,
  async,
  resumed,
});
const step = (turn: string, stack: StepFrame[], extra: Partial<Step> = {}): Step => ({
  kind: 'node',
  note: '',
  stack,
  microtasks: [],
  tasks: [],
  console: 0,
  clock: 0,
  turn,
  ...extra,
});
const module = frame('(module)');
const main = frame('main', true);
const log = frame('log');
const hand: StepTrace = {
  steps: [
    step('script', [module]), // 0
    step('script', [module, main]), // 1: inside main
    step('script', [module, main, log]), // 2: a call inside main
    step('script', [module, main]), // 3: await
    step('script', [module], { microtasks: [1] }), // 4: main suspended
    step('script', [], { kind: 'finish', microtasks: [1] }), // 5
    step('microtask:1', [], { kind: 'microtask' }), // 6
    step('microtask:1', [frame('main', true, true)]), // 7
    step('microtask:1', [], { kind: 'finish', tasks: [1] }), // 8
    step('task:1', [], { kind: 'task', clock: 10 }), // 9
    step('task:1', [], { kind: 'end', clock: 10, console: 1 }), // 10
  ],
  jobs: [
    {
      id: 1,
      spec: 'NewPromiseReactionJob',
      label: 'resume main after await',
      queuedBy: 'line 4, in main',
    },
  ],
  tasks: [{ id: 1, kind: 'setTimeout', label: 'setTimeout 10 ms (line 2)', scheduled: 0, due: 10 }],
  console: [{ text: 'hi', stream: 'stdout', at: 10 }],
  end: { kind: 'done' },
  recordMs: 3,
};

describe('a hand-made trace', () => {
  it('is valid', () => {
    expect(isStepTrace(hand)).toBe(true);
  });

  it('steps over the call inside main, and out of main', () => {
    expect(stepOver(hand, 1)).toBe(3);
    expect(stepOver(hand, 0)).toBe(4);
    expect(stepOut(hand, 2)).toBe(3);
    expect(stepOut(hand, 1)).toBe(4);
  });

  it('steps over and out of a turn’s last step to the next turn', () => {
    expect(stepOver(hand, 5)).toBe(6);
    expect(stepOut(hand, 5)).toBe(6);
    expect(stepOut(hand, 7)).toBe(8);
    expect(stepOut(hand, 8)).toBe(9);
    expect(nextTurn(hand, 0)).toBe(6);
    expect(nextTurn(hand, 9)).toBe(10);
  });

  it('describes queue entries, turns and frames', () => {
    expect(describeJob(hand, 1)).toEqual({
      id: 1,
      label: 'resume main after await',
      spec: 'NewPromiseReactionJob',
      queuedBy: 'queued by line 4, in main',
      text: 'resume main after await, NewPromiseReactionJob, queued by line 4, in main',
    });
    expect(describeJob(hand, 9).text).toBe('microtask 9');
    expect(describeTask(hand, 1).text).toBe('setTimeout 10 ms (line 2), due at 10 ms');
    expect(describeTurn(hand, 'microtask:1')).toBe('microtask: resume main after await');
    expect(describeTurn(hand, 'task:1')).toBe('task: setTimeout 10 ms (line 2)');
    expect(describeTurn(hand, 'script')).toBe('the script');
    expect(describeStep(hand, 7).stack[0]?.text).toBe('main (async, resumed after await)');
    expect(describeStep(hand, 2).stack.map((f) => f.name)).toEqual(['log', 'main', '(module)']);
  });

  it('words the end of each kind of recording', () => {
    expect(describeStep(hand, 10).end?.title).toBe('The program has finished.');
    expect(describeEnd({ kind: 'limit', message: 'over 5000 steps' }).title).toMatch(
      /too long to step through/,
    );
    expect(describeEnd({ kind: 'unsupported', api: 'fetch', message: '' }).title).toMatch(/fetch/);
    expect(describeEnd({ kind: 'error', message: 'Error: boom' }).detail).toBe('Error: boom');
    expect(describeEnd({ kind: 'compile', message: 'x' }).title).toMatch(/did not compile/);
  });

  it('formats the counter and the clock', () => {
    expect(counterText(hand, 0)).toBe('1 / 11');
    expect(counterText(hand, 99)).toBe('11 / 11');
    expect(formatMs(1000)).toBe('1,000 ms');
    expect(formatMs(2.25)).toBe('2.3 ms');
  });

  it('copes with an empty trace', () => {
    const empty: StepTrace = { ...hand, steps: [], end: { kind: 'compile', message: 'x' } };
    const view = describeStep(empty, 3);
    expect(view.counter).toBe('0 / 0');
    expect(view.atEnd).toBe(true);
    expect(view.end?.kind).toBe('compile');
    expect(stepOver(empty, 0)).toBe(0);
    expect(stepOut(empty, 0)).toBe(0);
  });
});
