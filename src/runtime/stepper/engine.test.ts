import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { describe, expect, test } from 'vitest';
import { compileProgram } from '../host/compile';
import { isStepperToHost, isStepTrace, type SandboxProgram, type StepTrace } from '../protocol';
import { recordSteps, type RecordOptions } from './engine';
import { VIRTUAL_EPOCH_MS } from './labels';

async function compile(files: string | Record<string, string>): Promise<SandboxProgram> {
  const sources = typeof files === 'string' ? { '/index.ts': files } : files;
  const modules = Object.fromEntries(
    Object.entries(sources).map(([path, code]) => [path, { path, code }]),
  );
  const compiled = await compileProgram(modules, '/index.ts');
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.program;
}

async function record(
  files: string | Record<string, string>,
  options?: RecordOptions,
): Promise<StepTrace> {
  const trace = recordSteps(await compile(files), '/index.ts', options);
  expect(isStepTrace(trace)).toBe(true);
  return trace;
}

const printed = (trace: StepTrace): string[] => trace.console.map((line) => line.text);
const demo = (name: string): string => readFileSync(`demos/event-loop/${name}/index.ts`, 'utf8');
const expected = (name: string): string[] =>
  readFileSync(`demos/event-loop/${name}/expected.txt`, 'utf8').trimEnd().split('\n');

describe('ordering puzzles: the order V8 prints', () => {
  for (const name of [
    'order',
    'puzzle-classic',
    'puzzle-await-then',
    'puzzle-return-await',
    'puzzle-microtasks',
    'puzzle-nested-timers',
  ]) {
    test(name, async () => {
      const trace = await record(demo(name));
      expect(trace.end).toEqual({ kind: 'done' });
      expect(printed(trace)).toEqual(expected(name));
    });
  }

  test('.then returning a promise costs two extra ticks', async () => {
    const trace = await record(`
void Promise.resolve()
  .then(() => {
    console.log('A then returns a promise');
    return Promise.resolve('x');
  })
  .then(() => {
    console.log('B after the returned promise');
  });
void Promise.resolve()
  .then(() => console.log('C tick 1'))
  .then(() => console.log('D tick 2'))
  .then(() => console.log('E tick 3'))
  .then(() => console.log('F tick 4'))
  .then(() => console.log('G tick 5'));
export {};
`);
    // Printed by Node 24 (V8) for the same program.
    expect(printed(trace)).toEqual([
      'A then returns a promise',
      'C tick 1',
      'D tick 2',
      'E tick 3',
      'B after the returned promise',
      'F tick 4',
      'G tick 5',
    ]);
  });
});

describe('step structure', () => {
  test('the order demo: first step, the end of the script, job labels and spec names', async () => {
    const trace = await record(demo('order'));
    const [first] = trace.steps;
    expect(first?.kind).toBe('node');
    expect(first?.location).toEqual({
      path: '/index.ts',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 43,
    });
    expect(first?.stack).toEqual([{ name: '(module)', async: false, resumed: false }]);
    expect(trace.steps.at(-1)?.kind).toBe('end');

    const finish = trace.steps.find((step) => step.kind === 'finish' && step.turn === 'script');
    expect(finish?.stack).toEqual([]);
    const queued = (finish?.microtasks ?? []).map((id) => trace.jobs.find((job) => job.id === id));
    expect(queued.map((job) => job?.spec)).toEqual([
      'queueMicrotask',
      'NewPromiseReactionJob',
      'NewPromiseReactionJob',
    ]);
    expect(queued.map((job) => job?.label)).toEqual([
      'queueMicrotask callback (line 8)',
      'then callback (line 12)',
      'resume task after await',
    ]);
    expect(queued.map((job) => job?.queuedBy)).toEqual([
      'line 8, at top level',
      'line 12, at top level',
      'line 18, in task',
    ]);
    expect(finish?.tasks).toHaveLength(1);
    expect(trace.tasks[0]?.label).toBe('setTimeout 0 ms (line 4)');
    expect(finish?.note).toContain('3 microtasks waiting');

    // The async function's frame: called in the script, resumed in a microtask.
    const inTask = trace.steps.find((step) => step.location?.line === 17);
    expect(inTask?.stack).toEqual([
      { name: '(module)', async: false, resumed: false },
      { name: 'task', async: true, resumed: false },
    ]);
    const resumed = trace.steps.find((step) => step.location?.line === 19);
    expect(resumed?.turn).toMatch(/^microtask:\d+$/);
    expect(resumed?.stack).toEqual([{ name: 'task', async: true, resumed: true }]);

    // A microtask step: taken off the queue.
    const start = trace.steps.find((step) => step.kind === 'microtask');
    expect(start?.turn).toBe(`microtask:${queued[0]?.id ?? 0}`);
    expect(start?.microtasks).toEqual(finish?.microtasks.slice(1));
    expect(start?.note).toBe('microtask starts: queueMicrotask callback (line 8)');

    // Console counts grow with the lines.
    expect(trace.steps.at(-1)?.console).toBe(7);
    for (const [i, step] of trace.steps.entries()) {
      expect(step.console).toBeGreaterThanOrEqual(trace.steps[i - 1]?.console ?? 0);
      expect(step.note).not.toBe('');
    }
  });

  test('notes say what was printed and queued', async () => {
    const trace = await record(`console.log('hi');\nsetTimeout(() => {}, 10);\nexport {};\n`);
    expect(trace.steps[1]?.note).toBe('printed: hi; line 2, at top level');
    expect(trace.steps[2]?.note).toBe(
      'timer queued: setTimeout 10 ms; the script finished; 1 timer waiting',
    );
  });

  test('return promise queues a NewPromiseResolveThenableJob (the spec names are told apart)', async () => {
    const trace = await record(demo('puzzle-return-await'));
    const thenable = trace.jobs.filter((job) => job.spec === 'NewPromiseResolveThenableJob');
    expect(thenable).toHaveLength(1);
    expect(thenable[0]?.label).toBe('adopt a returned promise (the extra tick of return promise)');
    expect(thenable[0]?.queuedBy).toBe('line 3, in returnsPromise');
    expect(trace.jobs.map((job) => job.label)).toContain(
      'settle the promise that adopted it (the second extra tick)',
    );
    expect(trace.jobs.filter((job) => job.spec === 'NewPromiseReactionJob').length).toBe(
      trace.jobs.length - 1,
    );
  });

  test('frames of another module name their file', async () => {
    const trace = await record({
      '/index.ts': `import { work } from './lib';\nwork();\n`,
      '/lib.ts': `export function work(): void {\n  console.log('in lib');\n}\n`,
    });
    expect(printed(trace)).toEqual(['in lib']);
    const inLib = trace.steps.find((step) => step.location?.path === '/lib.ts');
    expect(inLib?.location?.line).toBe(2);
    expect(inLib?.note).toBe('line 2 of /lib.ts, in work');
    expect(inLib?.stack.map((frame) => frame.name)).toEqual(['(module)', 'work']);
  });
});

describe('virtual time', () => {
  const sleep = `const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));\n`;

  test('five sequential sleeps take 5000 virtual ms, in a few real ms', async () => {
    const trace = await record(
      `${sleep}for (let i = 0; i < 5; i++) await sleep(1000);\nconsole.log(performance.now(), Date.now() - ${VIRTUAL_EPOCH_MS});\n`,
    );
    expect(trace.end).toEqual({ kind: 'done' });
    expect(trace.steps.at(-1)?.clock).toBe(5000);
    expect(printed(trace)).toEqual(['5000 5000']);
    expect(trace.recordMs).toBeLessThan(2000);
  });

  test('Promise.all of five sleeps takes 1000 virtual ms', async () => {
    const trace = await record(
      `${sleep}await Promise.all([1, 2, 3, 4, 5].map(() => sleep(1000)));\nconsole.log(performance.now(), new Date().toISOString());\n`,
    );
    expect(trace.steps.at(-1)?.clock).toBe(1000);
    expect(printed(trace)).toEqual(['1000 2026-01-01T00:00:01.000Z']);
  });

  test('HTML nesting clamp: timers nested more than 5 deep wait at least 4 ms', async () => {
    const trace = await record(`
const times: number[] = [];
function nest(level: number): void {
  times.push(performance.now());
  if (level < 10) setTimeout(() => nest(level + 1), 0);
  else console.log(times.join(' '));
}
setTimeout(() => nest(1), 0);
export {};
`);
    expect(printed(trace)).toEqual(['0 0 0 0 0 0 4 8 12 16']);
    expect(trace.tasks.map((task) => task.due - task.scheduled)).toEqual([
      0, 0, 0, 0, 0, 0, 4, 4, 4, 4,
    ]);
  });

  test('intervals: ticks, extra arguments, clearInterval', async () => {
    const trace = await record(`
let n = 0;
const id = setInterval((a: string, b: string) => {
  n++;
  console.log(a, b, n, performance.now());
  if (n === 3) clearInterval(id);
}, 1000, 'x', 'y');
export {};
`);
    expect(printed(trace)).toEqual(['x y 1 1000', 'x y 2 2000', 'x y 3 3000']);
    expect(trace.tasks.map((task) => task.label)).toEqual([
      'setInterval 1000 ms, tick 1 (line 3)',
      'setInterval 1000 ms, tick 2 (line 3)',
      'setInterval 1000 ms, tick 3 (line 3)',
    ]);
    expect(trace.end).toEqual({ kind: 'done' });
  });

  test('an interval that never stops ends at the virtual time cap', async () => {
    const trace = await record(`setInterval(() => {}, 1000);\nexport {};\n`);
    expect(trace.end.kind).toBe('limit');
    expect(trace.steps.at(-1)?.clock).toBeLessThanOrEqual(60_000);
  });
});

describe('limits', () => {
  test('an infinite loop ends within the time limit', async () => {
    const started = performance.now();
    const trace = await record(`console.log('before');\nwhile (true) {}\n`, { timeLimit: 2000 });
    expect(trace.end.kind).toBe('limit');
    expect(performance.now() - started).toBeLessThan(4000);
    expect(printed(trace)).toEqual(['before']);
  });

  test('the time limit, measured with the given clock', async () => {
    let now = 0;
    const trace = await record(`let i = 0;\nfor (;;) i++;\n`, {
      timeLimit: 100,
      now: () => (now += 1),
    });
    expect(trace.end).toEqual({
      kind: 'limit',
      message:
        'This program takes too long to step through (more than 0.1 s to record); run it normally.',
    });
  });

  test('the step limit', async () => {
    const trace = await record(`let i = 0;\nfor (;;) i++;\n`, { stepLimit: 50 });
    expect(trace.steps).toHaveLength(50);
    expect(trace.end).toEqual({
      kind: 'limit',
      message: 'This program is too long to step through (more than 50 steps); run it normally.',
    });
  });
});

describe('endings', () => {
  test('fetch is not provided: the recording ends, naming it', async () => {
    const trace = await record(`console.log('start');\nconst r = await fetch('/x');\n`);
    expect(trace.end).toEqual({
      kind: 'unsupported',
      api: 'fetch',
      message: 'The stepper does not provide `fetch`: run this program normally to use it.',
    });
    expect(printed(trace)).toEqual(['start']);
    expect(trace.steps.at(-1)?.location?.line).toBe(2);
  });

  test('an uncaught error prints what the runtime prints and ends the run', async () => {
    const trace = await record(
      `setTimeout(() => console.log('never'), 0);\nfunction fail(): never {\n  throw new Error('boom');\n}\nfail();\n`,
    );
    expect(trace.end).toEqual({ kind: 'error', message: 'Uncaught Error: boom' });
    expect(trace.console.at(-1)).toEqual({ text: 'Uncaught Error: boom', stream: 'stderr', at: 0 });
    expect(printed(trace)).not.toContain('never');
  });

  test('an error thrown by a timer', async () => {
    const trace = await record(
      `setTimeout(() => { throw new TypeError('late'); }, 5);\nexport {};\n`,
    );
    expect(trace.end).toEqual({ kind: 'error', message: 'Uncaught TypeError: late' });
  });

  test('an unhandled rejection', async () => {
    const trace = await record(`void Promise.reject(new Error('nope'));\nexport {};\n`);
    expect(trace.end).toEqual({ kind: 'error', message: 'Uncaught (in promise) Error: nope' });
  });

  test('a rejection handled in time is not reported', async () => {
    const trace = await record(
      `const p = Promise.reject(new Error('x'));\np.catch(() => console.log('caught'));\n`,
    );
    expect(trace.end).toEqual({ kind: 'done' });
    expect(printed(trace)).toEqual(['caught']);
  });

  test('a syntax error the engine finds ends with compile, naming the line', () => {
    const code = `let a = 1;\nlet b = a +;\n`;
    const trace = recordSteps(
      { modules: [{ path: '/index.ts', code, imports: [] }], sources: { '/index.ts': code } },
      '/index.ts',
    );
    expect(trace.end).toEqual({
      kind: 'compile',
      message: 'SyntaxError: Unexpected token (/index.ts:2:12)',
    });
    expect(isStepTrace(trace)).toBe(true);
  });
});

describe('console', () => {
  test('values print as Node prints them', async () => {
    const trace = await record(`
class P { x = 1 }
console.log(-0, [1, 'a', { b: { c: { d: {} } } }], new Map([[1, { a: 1 }]]), new Set(['s']), 'str', null, undefined, Symbol('s'), 10n, Promise.resolve(1), class A {}, new P(), async function af() {}, () => 1, new Date(0), /re/g, { get g() { return 1; } }, [, 1], Object.create(null));
console.error('%s has %d items', 'list', 3);
export {};
`);
    class P {
      x = 1;
    }
    expect(trace.console[0]?.text).toBe(
      format(
        -0,
        [1, 'a', { b: { c: { d: {} } } }],
        new Map([[1, { a: 1 }]]),
        new Set(['s']),
        'str',
        null,
        undefined,
        Symbol('s'),
        10n,
        Promise.resolve(1),
        // eslint-disable-next-line @typescript-eslint/no-extraneous-class
        class A {},
        new P(),
        // eslint-disable-next-line @typescript-eslint/no-empty-function
        async function af() {},
        () => 1,
        new Date(0),
        /re/g,
        {
          get g() {
            return 1;
          },
        },
        // eslint-disable-next-line no-sparse-arrays
        [, 1],
        Object.create(null),
      ),
    );
    expect(trace.console[1]).toEqual({ text: 'list has 3 items', stream: 'stderr', at: 0 });
  });
});

test('two recordings of one program are the same recording', async () => {
  const program = await compile(demo('puzzle-nested-timers') + '\nconsole.log(Math.random());\n');
  const a = recordSteps(program, '/index.ts');
  const b = recordSteps(program, '/index.ts');
  expect({ ...a, recordMs: 0 }).toEqual({ ...b, recordMs: 0 });
});

test('the worker entry posts a trace, or an error trace for a bad config', async () => {
  const { startStepper } = await import('./entry');
  const post = async (config: unknown): Promise<unknown> => {
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<unknown>((resolve) => {
      port2.onmessage = (event: MessageEvent<unknown>) => {
        resolve(event.data);
      };
    });
    startStepper(config, port1);
    const data = await received;
    port1.close();
    port2.close();
    return data;
  };
  const program = await compile(`console.log('from the worker');\n`);
  const good = await post({ contextId: 'stepper', label: 'stepper', program, entry: '/index.ts' });
  expect(isStepperToHost(good)).toBe(true);
  expect(isStepperToHost(good) && printed(good.trace)).toEqual(['from the worker']);
  const bad = await post({ contextId: 'stepper', program });
  expect(isStepperToHost(bad) && bad.trace.end.kind).toBe('error');
});
