import { inspect } from 'node-inspect-extracted';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConsole,
  formatDuration,
  formatTable,
  PromiseInspector,
  type ConsoleLine,
} from './console';

// Expected strings below were captured from Node 24.21's own console
// (console.table, console.timeEnd's formatTime, console.log's format).

describe('formatDuration (Node console.timeEnd format)', () => {
  it.each([
    [0, '0ms'],
    [0.5, '0.5ms'],
    [5, '5ms'],
    [12.3456, '12.346ms'],
    [999.9994, '999.999ms'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [1000, '1.000s'],
    [1234.5678, '1.235s'],
    [59999, '59.999s'],
  ])('prints %d ms in seconds as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [60000, '1:00.000 (m:ss.mmm)'],
    [61500, '1:01.500 (m:ss.mmm)'],
    [65432.1, '1:05.432 (m:ss.mmm)'],
    [600000, '10:00.000 (m:ss.mmm)'],
    [3599999, '59:59.999 (m:ss.mmm)'],
  ])('prints %d ms in minutes as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [3600000, '1:00:00.000 (h:mm:ss.mmm)'],
    [3725000.5, '1:02:05.000 (h:mm:ss.mmm)'],
  ])('prints %d ms in hours as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

const table = (...lines: string[]): string => lines.join('\n');

describe('formatTable (Node console.table layout)', () => {
  it('renders an array of objects, with the union of their keys', () => {
    expect(
      formatTable([
        { a: 1, b: 'x' },
        { a: 2, c: true },
      ]),
    ).toBe(
      table(
        '┌─────────┬───┬─────┬──────┐',
        '│ (index) │ a │ b   │ c    │',
        '├─────────┼───┼─────┼──────┤',
        "│ 0       │ 1 │ 'x' │      │",
        '│ 1       │ 2 │     │ true │',
        '└─────────┴───┴─────┴──────┘',
      ),
    );
  });

  it('renders primitives in a Values column beside object keys', () => {
    expect(formatTable([1, 'two', null, { a: 1 }])).toBe(
      table(
        '┌─────────┬───┬────────┐',
        '│ (index) │ a │ Values │',
        '├─────────┼───┼────────┤',
        '│ 0       │   │ 1      │',
        "│ 1       │   │ 'two'  │",
        '│ 2       │   │ null   │',
        '│ 3       │ 1 │        │',
        '└─────────┴───┴────────┘',
      ),
    );
  });

  it('renders an object of objects, indexed by key', () => {
    expect(formatTable({ r1: { x: 1, y: 2 }, r2: { y: 3, z: [1, 2] } })).toBe(
      table(
        '┌─────────┬───┬───┬──────────┐',
        '│ (index) │ x │ y │ z        │',
        '├─────────┼───┼───┼──────────┤',
        '│ r1      │ 1 │ 2 │          │',
        '│ r2      │   │ 3 │ [ 1, 2 ] │',
        '└─────────┴───┴───┴──────────┘',
      ),
    );
  });

  it('renders an object of primitives', () => {
    expect(formatTable({ a: 1, b: 'two' })).toBe(
      table(
        '┌─────────┬────────┐',
        '│ (index) │ Values │',
        '├─────────┼────────┤',
        '│ a       │ 1      │',
        "│ b       │ 'two'  │",
        '└─────────┴────────┘',
      ),
    );
  });

  it('renders an array of arrays with numeric columns', () => {
    expect(
      formatTable([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(
      table(
        '┌─────────┬───┬───┐',
        '│ (index) │ 0 │ 1 │',
        '├─────────┼───┼───┤',
        '│ 0       │ 1 │ 2 │',
        '│ 1       │ 3 │ 4 │',
        '└─────────┴───┴───┘',
      ),
    );
  });

  it('renders a Map with Key and Values columns and an iteration index', () => {
    expect(
      formatTable(
        new Map<string, unknown>([
          ['k1', 1],
          ['k2', { n: 2 }],
        ]),
      ),
    ).toBe(
      table(
        '┌───────────────────┬──────┬──────────┐',
        '│ (iteration index) │ Key  │ Values   │',
        '├───────────────────┼──────┼──────────┤',
        "│ 0                 │ 'k1' │ 1        │",
        "│ 1                 │ 'k2' │ { n: 2 } │",
        '└───────────────────┴──────┴──────────┘',
      ),
    );
  });

  it('renders a Set with an iteration index', () => {
    expect(formatTable(new Set(['p', 'q']))).toBe(
      table(
        '┌───────────────────┬────────┐',
        '│ (iteration index) │ Values │',
        '├───────────────────┼────────┤',
        "│ 0                 │ 'p'    │",
        "│ 1                 │ 'q'    │",
        '└───────────────────┴────────┘',
      ),
    );
  });

  it('shows only the listed properties, in the listed order', () => {
    expect(
      formatTable(
        [
          { a: 1, b: 2, c: 3 },
          { a: 4, b: 5, c: 6 },
        ],
        ['c', 'a'],
      ),
    ).toBe(
      table(
        '┌─────────┬───┬───┐',
        '│ (index) │ c │ a │',
        '├─────────┼───┼───┤',
        '│ 0       │ 3 │ 1 │',
        '│ 1       │ 6 │ 4 │',
        '└─────────┴───┴───┘',
      ),
    );
  });

  it('keeps a listed property that no row has, as an empty column', () => {
    expect(formatTable([{ a: 1 }], ['a', 'missing'])).toBe(
      table(
        '┌─────────┬───┬─────────┐',
        '│ (index) │ a │ missing │',
        '├─────────┼───┼─────────┤',
        '│ 0       │ 1 │         │',
        '└─────────┴───┴─────────┘',
      ),
    );
  });

  it('renders an empty array as a header only', () => {
    expect(formatTable([])).toBe(table('┌─────────┐', '│ (index) │', '├─────────┤', '└─────────┘'));
  });

  it('prints non-objects the way console.log does', () => {
    expect(formatTable(5)).toBe('5');
    expect(formatTable('hi')).toBe('hi');
    expect(formatTable(null)).toBe('null');
  });

  it('abbreviates nested objects in cells one level deep', () => {
    expect(formatTable([{ nested: { deep: { deeper: 1 } } }])).toBe(
      table(
        '┌─────────┬────────────────────┐',
        '│ (index) │ nested             │',
        '├─────────┼────────────────────┤',
        '│ 0       │ { deep: [Object] } │',
        '└─────────┴────────────────────┘',
      ),
    );
  });

  it('abbreviates objects with more than two keys, and formats other cells like inspect', () => {
    expect(
      formatTable([
        {
          o: { a: 1, b: 2, c: 3 },
          p: { a: 1, b: { c: 1 } },
          f() {
            // a method
          },
          u: undefined,
          s: "it's",
        },
      ]),
    ).toBe(
      table(
        '┌─────────┬──────────┬───────────────────────┬───────────────┬───────────┬────────┐',
        '│ (index) │ o        │ p                     │ f             │ u         │ s      │',
        '├─────────┼──────────┼───────────────────────┼───────────────┼───────────┼────────┤',
        '│ 0       │ [Object] │ { a: 1, b: [Object] } │ [Function: f] │ undefined │ "it\'s" │',
        '└─────────┴──────────┴───────────────────────┴───────────────┴───────────┴────────┘',
      ),
    );
  });

  it('shows at most three array items in a cell', () => {
    expect(formatTable([{ arr: [1, 2, 3, 4, 5] }])).toBe(
      table(
        '┌─────────┬───────────────────────────────┐',
        '│ (index) │ arr                           │',
        '├─────────┼───────────────────────────────┤',
        '│ 0       │ [ 1, 2, 3, ... 2 more items ] │',
        '└─────────┴───────────────────────────────┘',
      ),
    );
  });

  it('measures full-width characters as two columns', () => {
    expect(formatTable([{ name: '漢字' }])).toBe(
      table(
        '┌─────────┬────────┐',
        '│ (index) │ name   │',
        '├─────────┼────────┤',
        "│ 0       │ '漢字' │",
        '└─────────┴────────┘',
      ),
    );
  });
});

describe('createConsole', () => {
  let lines: ConsoleLine[];
  let clock: number;
  let sandboxConsole: Console;
  beforeEach(() => {
    lines = [];
    clock = 1000;
    sandboxConsole = createConsole(
      (line) => lines.push(line),
      () => clock,
    );
  });
  const texts = (): string[] => lines.map((line) => line.text);

  it('sends log, info and debug to stdout, warn and error to stderr', () => {
    sandboxConsole.log('l');
    sandboxConsole.info('i');
    sandboxConsole.debug('d');
    sandboxConsole.warn('w');
    sandboxConsole.error('e');
    expect(lines).toEqual([
      { method: 'log', stream: 'stdout', text: 'l' },
      { method: 'info', stream: 'stdout', text: 'i' },
      { method: 'debug', stream: 'stdout', text: 'd' },
      { method: 'warn', stream: 'stderr', text: 'w' },
      { method: 'error', stream: 'stderr', text: 'e' },
    ]);
  });

  it.each<[string, unknown[], string]>([
    ['%s %d %i %f', ['%s|%d|%i|%f', 'str', 42.5, 42.9, '3.5'], 'str|42.5|42|3.5'],
    ['%o', ['%o', { a: [1, { b: 2 }] }], '{ a: [ 1, { b: 2 }, [length]: 2 ] }'],
    ['%O', ['%O', { a: [1, { b: 2 }] }], '{ a: [ 1, { b: 2 } ] }'],
    ['%j', ['%j', { a: 1 }], '{"a":1}'],
    ['%c', ['%cstyled%c text', 'color: red', ''], 'styled text'],
    ['%d with a bigint', ['%d', 5n], '5n'],
    ['%i with a string', ['%i', '12px'], '12'],
    ['%d with text', ['%d', 'abc'], 'NaN'],
    ['%%', ['%%', 1], '% 1'],
    ['%s with an object', ['%s', { a: 1 }], '{ a: 1 }'],
    ['%s with too few arguments', ['%s %s', 'only'], 'only %s'],
    ['extra arguments', ['%s', 'x', 'extra'], 'x extra'],
    ['no format string', ['a', 'b', 3, { c: 1 }], 'a b 3 { c: 1 }'],
    ['strings inside objects quoted', [{ s: 'x' }, ['y']], "{ s: 'x' } [ 'y' ]"],
  ])('formats %s like Node', (_, args, text) => {
    sandboxConsole.log(...args);
    expect(texts()).toEqual([text]);
  });

  it('counts per label and resets', () => {
    sandboxConsole.count();
    sandboxConsole.count();
    sandboxConsole.count('x');
    sandboxConsole.countReset();
    sandboxConsole.count();
    sandboxConsole.count('x');
    expect(texts()).toEqual(['default: 1', 'default: 2', 'x: 1', 'default: 1', 'x: 2']);
    expect(lines.every((line) => line.method === 'count' && line.stream === 'stdout')).toBe(true);
  });

  it('warns on stderr when resetting an unknown count', () => {
    sandboxConsole.countReset('nope');
    expect(lines).toEqual([
      { method: 'warn', stream: 'stderr', text: "Count for 'nope' does not exist" },
    ]);
  });

  it('measures time with the given clock', () => {
    sandboxConsole.time('load');
    clock += 1234.5678;
    sandboxConsole.timeLog('load', 'halfway', 1);
    clock += 12.3456;
    sandboxConsole.timeEnd('load');
    expect(lines).toEqual([
      { method: 'time', stream: 'stdout', text: 'load: 1.235s halfway 1' },
      { method: 'timeEnd', stream: 'stdout', text: 'load: 1.247s' },
    ]);
  });

  it('uses the default label and forgets a timer after timeEnd', () => {
    sandboxConsole.time();
    clock += 12.3456;
    sandboxConsole.timeEnd();
    sandboxConsole.timeEnd();
    expect(lines).toEqual([
      { method: 'timeEnd', stream: 'stdout', text: 'default: 12.346ms' },
      {
        method: 'warn',
        stream: 'stderr',
        text: "Warning: No such label 'default' for console.timeEnd()",
      },
    ]);
  });

  it('keeps the first start when a label is started twice', () => {
    sandboxConsole.time('x');
    clock += 61500;
    sandboxConsole.time('x');
    sandboxConsole.timeEnd('x');
    expect(lines).toEqual([
      {
        method: 'warn',
        stream: 'stderr',
        text: "Warning: Label 'x' already exists for console.time()",
      },
      { method: 'timeEnd', stream: 'stdout', text: 'x: 1:01.500 (m:ss.mmm)' },
    ]);
  });

  it('asserts like Node', () => {
    sandboxConsole.assert(true);
    sandboxConsole.assert(1, 'not printed');
    expect(lines).toEqual([]);
    sandboxConsole.assert(false);
    sandboxConsole.assert(false, 'msg %d', 5);
    sandboxConsole.assert(false, { x: 1 });
    sandboxConsole.assert(0, 'a', 'b');
    expect(texts()).toEqual([
      'Assertion failed',
      'Assertion failed: msg 5',
      'Assertion failed { x: 1 }',
      'Assertion failed: a b',
    ]);
    expect(lines.every((line) => line.method === 'assert' && line.stream === 'stderr')).toBe(true);
  });

  it('indents grouped output, every line of it, by two spaces per level', () => {
    sandboxConsole.group('G1');
    sandboxConsole.log('in1');
    sandboxConsole.group();
    sandboxConsole.log('a\nb');
    sandboxConsole.error('err');
    sandboxConsole.groupEnd();
    sandboxConsole.log('back');
    sandboxConsole.groupEnd();
    sandboxConsole.groupEnd();
    sandboxConsole.log('out');
    expect(texts()).toEqual(['G1', '  in1', '    a\n    b', '    err', '  back', 'out']);
  });

  it('groupCollapsed behaves like group', () => {
    sandboxConsole.groupCollapsed('label');
    sandboxConsole.log('inside');
    expect(texts()).toEqual(['label', '  inside']);
  });

  it('prints tables as one table entry on stdout, indented inside a group', () => {
    sandboxConsole.table([{ a: 1 }]);
    sandboxConsole.group();
    sandboxConsole.table([{ a: 1 }], ['a']);
    const expected = table(
      '┌─────────┬───┐',
      '│ (index) │ a │',
      '├─────────┼───┤',
      '│ 0       │ 1 │',
      '└─────────┴───┘',
    );
    expect(lines).toEqual([
      { method: 'table', stream: 'stdout', text: expected },
      { method: 'table', stream: 'stdout', text: expected.replace(/^/gm, '  ') },
    ]);
  });

  it('reports console.clear as a clear entry', () => {
    sandboxConsole.clear();
    expect(lines).toEqual([{ method: 'clear', stream: 'stdout', text: '' }]);
  });

  it('prints nothing for profiler-only methods', () => {
    sandboxConsole.timeStamp();
    sandboxConsole.profile();
    sandboxConsole.profileEnd();
    expect(lines).toEqual([]);
  });
});

describe('PromiseInspector', () => {
  const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
  let saved: PropertyDescriptor | undefined;
  let inspector: PromiseInspector;
  /** Finishes `text` in a microtask queued now, as the sandbox console does after each call. */
  const finishLater = (text: string): Promise<string> =>
    new Promise((done) => {
      queueMicrotask(() => {
        done(inspector.finish(text));
      });
    });

  beforeEach(() => {
    saved = Reflect.getOwnPropertyDescriptor(Promise.prototype, CUSTOM);
    inspector = new PromiseInspector();
    inspector.install();
  });

  afterEach(() => {
    Reflect.deleteProperty(Promise.prototype, CUSTOM);
    if (saved) Reflect.defineProperty(Promise.prototype, CUSTOM, saved);
  });

  it('installs a non-enumerable, removable property', () => {
    const descriptor = Reflect.getOwnPropertyDescriptor(Promise.prototype, CUSTOM);
    expect(descriptor?.enumerable).toBe(false);
    expect(descriptor?.configurable).toBe(true);
  });

  it('prints a placeholder at once and the fulfilled value one microtask later', async () => {
    const text = inspect(Promise.resolve(1));
    expect(inspector.hasPlaceholders(text)).toBe(true);
    expect(text).not.toContain('Promise');
    await Promise.resolve();
    expect(inspector.finish(text)).toBe('Promise { 1 }');
  });

  it('prints a pending promise as pending', async () => {
    const text = inspect(
      new Promise(() => {
        // never settles
      }),
    );
    expect(await finishLater(text)).toBe('Promise { <pending> }');
  });

  it('prints a promise settled after the call as pending, as Node would', async () => {
    let resolve: (value: number) => void = () => undefined;
    const promise = new Promise<number>((r) => {
      resolve = r;
    });
    const finished = finishLater(inspect(promise));
    resolve(5);
    expect(await finished).toBe('Promise { <pending> }');
  });

  it('prints a rejected promise with its reason', async () => {
    // Node prints non-Error reasons too; the sandbox must match.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const text = inspect(Promise.reject('why'));
    expect(await finishLater(text)).toBe("Promise { <rejected> 'why' }");
  });

  it('prints a rejected promise with an error on several lines', async () => {
    const text = inspect(Promise.reject(new Error('bad')));
    const lines = (await finishLater(text)).split('\n');
    expect(lines.slice(0, 2)).toEqual(['Promise {', '  <rejected> Error: bad']);
    expect(lines[2]).toMatch(/^ {6}at /);
    expect(lines.at(-1)).toBe('}');
  });

  it('finishes promises nested in objects and arrays', async () => {
    const text = inspect({
      p: Promise.resolve(1),
      list: [
        new Promise(() => {
          // never settles
        }),
      ],
    });
    expect(await finishLater(text)).toBe('{ p: Promise { 1 }, list: [ Promise { <pending> } ] }');
  });

  it('prints a fulfilled object value like Node, one level deep', async () => {
    const text = inspect(Promise.resolve({ a: { b: { c: 1 } } }));
    expect(await finishLater(text)).toBe('Promise { { a: { b: [Object] } } }');
  });

  it('works through console.log', async () => {
    const lines: string[] = [];
    const sandboxConsole = createConsole(
      (line) => lines.push(line.text),
      () => 0,
    );
    sandboxConsole.log('value:', Promise.resolve('s'), [Promise.resolve(2)]);
    expect(lines).toHaveLength(1);
    expect(await finishLater(lines[0] ?? '')).toBe("value: Promise { 's' } [ Promise { 2 } ]");
  });

  it('forgets a placeholder once finished', async () => {
    const text = inspect(Promise.resolve(1));
    expect(await finishLater(text)).toBe('Promise { 1 }');
    expect(inspector.finish(text)).toBe('Promise { <pending> }');
  });
});
