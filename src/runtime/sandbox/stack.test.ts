import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../protocol';
import { mapStack, originalColumn, type ModuleLocator } from './stack';

const INDEX_URL = 'blob:null/0b6a3c1e-8f0e-4d57-9d3a-2f1c6c0f9a11';
const LIB_URL = 'blob:null/7d2e44b0-1c5a-4b8e-a3f2-5e9d0c7b6a22';
const BOOT_URL = 'blob:null/ffffffff-0000-4000-8000-000000000000';

/** A locator like the sandbox context's: two modules, lines kept, columns shifted by +2 for index.ts. */
function fakeLocator(): ModuleLocator & { calls: [string, number, number][] } {
  const pathOf = new Map([
    [INDEX_URL, '/index.ts'],
    [LIB_URL, '/lib.ts'],
  ]);
  const calls: [string, number, number][] = [];
  return {
    calls,
    locate(url, line, column): SourceLocation | undefined {
      calls.push([url, line, column]);
      const path = pathOf.get(url);
      if (!path) return undefined;
      return { path, line, column: path === '/index.ts' ? column + 2 : column };
    },
    isInternal(url) {
      return url.startsWith('data:') || (url.startsWith('blob:') && !pathOf.has(url));
    },
  };
}

describe('mapStack', () => {
  it('rewrites named and anonymous frames to sandbox paths', () => {
    const locator = fakeLocator();
    const stack = [
      'Error: boom',
      `    at explode (${LIB_URL}:3:9)`,
      `    at ${INDEX_URL}:12:5`,
    ].join('\n');
    const mapped = mapStack(stack, locator);
    expect(mapped.stack).toBe(
      ['Error: boom', '    at explode (/lib.ts:3:9)', '    at /index.ts:12:7'].join('\n'),
    );
    expect(locator.calls).toEqual([
      [LIB_URL, 3, 9],
      [INDEX_URL, 12, 5],
    ]);
  });

  it('returns the innermost sandbox location', () => {
    const stack = [
      'TypeError: x is not a function',
      `    at data:text/javascript,boot:1:200`,
      `    at inner (${LIB_URL}:7:15)`,
      `    at outer (${INDEX_URL}:2:1)`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator()).location).toEqual({
      path: '/lib.ts',
      line: 7,
      column: 15,
    });
  });

  it('drops internal data: frames and blob frames of unknown modules', () => {
    const stack = [
      'Error: nope',
      `    at main (${INDEX_URL}:4:3)`,
      `    at run (${BOOT_URL}:88:12)`,
      `    at data:text/javascript;base64,ZXhwb3J0IHt9:1:40`,
      `    at load (data:text/javascript,import%20x:1:7)`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator()).stack).toBe(
      ['Error: nope', '    at main (/index.ts:4:5)'].join('\n'),
    );
  });

  it('keeps frames without a location, such as Promise.all', () => {
    const stack = [
      'Error: one failed',
      `    at task (${LIB_URL}:5:11)`,
      '    at async Promise.all (index 2)',
      `    at async main (${INDEX_URL}:9:3)`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator()).stack).toBe(
      [
        'Error: one failed',
        '    at task (/lib.ts:5:11)',
        '    at async Promise.all (index 2)',
        '    at async main (/index.ts:9:5)',
      ].join('\n'),
    );
  });

  it('keeps frames of other, non-internal URLs unchanged', () => {
    const stack = [
      'Error: fetch failed',
      '    at check (https://example.com/lib.js:10:20)',
      `    at new Thing (${INDEX_URL}:1:1)`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator()).stack).toBe(
      [
        'Error: fetch failed',
        '    at check (https://example.com/lib.js:10:20)',
        '    at new Thing (/index.ts:1:3)',
      ].join('\n'),
    );
  });

  it('keeps multi-line messages and reports no location without sandbox frames', () => {
    const stack = ['Error: line one', 'line two', `    at ${BOOT_URL}:1:1`].join('\n');
    const mapped = mapStack(stack, fakeLocator());
    expect(mapped.stack).toBe('Error: line one\nline two');
    expect(mapped.location).toBeUndefined();
  });

  it('maps the frame of a module resuming after top-level await', () => {
    // Chromium: an error thrown in an async function awaited at a module's top level.
    const stack = [
      'Error: after await',
      `    at load (${INDEX_URL}:12:9)`,
      `    at async ${INDEX_URL}:14:1`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator())).toEqual({
      stack: [
        'Error: after await',
        '    at load (/index.ts:12:11)',
        '    at async /index.ts:14:3',
      ].join('\n'),
      location: { path: '/index.ts', line: 12, column: 11 },
    });
  });

  it('maps worker top levels, timers and message handlers, dropping the bootstrap', () => {
    const stack = [
      'TypeError: 3 is too big',
      `    at check (${LIB_URL}:2:20)`,
      `    at self.onmessage (${LIB_URL}:6:3)`,
      `    at MessagePort.<anonymous> (${BOOT_URL}:1:4410)`,
      `    at ${LIB_URL}:9:1`,
      `    at Worker.<anonymous> (${INDEX_URL}:5:11)`,
      `    at Timeout._onTimeout (${BOOT_URL}:1:2233)`,
      `    at async Promise.all (index 0)`,
      `    at new Promise (<anonymous>)`,
      `    at async main (${INDEX_URL}:20:3)`,
    ].join('\n');
    expect(mapStack(stack, fakeLocator()).stack).toBe(
      [
        'TypeError: 3 is too big',
        '    at check (/lib.ts:2:20)',
        '    at self.onmessage (/lib.ts:6:3)',
        '    at /lib.ts:9:1',
        '    at Worker.<anonymous> (/index.ts:5:13)',
        '    at async Promise.all (index 0)',
        '    at new Promise (<anonymous>)',
        '    at async main (/index.ts:20:5)',
      ].join('\n'),
    );
  });

  it('names sandbox files for module URLs inside messages', () => {
    const locator = {
      ...fakeLocator(),
      pathOf: (url: string) => (url === LIB_URL ? '/lib.ts' : undefined),
    };
    const stack = `SyntaxError: The requested module '${LIB_URL}' does not provide an export named 'nope'`;
    expect(mapStack(stack, locator).stack).toBe(
      "SyntaxError: The requested module '/lib.ts' does not provide an export named 'nope'",
    );
  });

  it('leaves a stack without frames as it is', () => {
    expect(mapStack('RangeError: too deep', fakeLocator())).toEqual({
      stack: 'RangeError: too deep',
      location: undefined,
    });
  });
});

const sucrase = (code: string): string =>
  transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;

/** 1-based column of the `nth` occurrence of `token` in `line`. */
function columnOf(line: string, token: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = line.indexOf(token, at + 1);
    if (at === -1) throw new Error(`"${token}" #${nth} not in ${line}`);
  }
  return at + 1;
}

describe('originalColumn', () => {
  it('maps columns across removed type annotations and casts', () => {
    const original = 'const x: number = foo(a as string);';
    const generated = sucrase(original).split('\n')[0] ?? '';
    expect(generated).toBe('const x = foo(a );');
    for (const token of ['const', 'x', '=', 'foo', '(', 'a', ')', ';']) {
      expect(
        originalColumn(generated, original, columnOf(generated, token)),
        `token ${token}`,
      ).toBe(columnOf(original, token));
    }
  });

  it('maps columns across removed generics, optional marks and non-null assertions', () => {
    const original = 'function f<T>(a: T, b?: string): void { return g(a!, b); }';
    const generated = sucrase(original).split('\n')[0] ?? '';
    expect(generated).toBe('function f(a, b) { return g(a, b); }');
    // [where in the generated line, where the same token starts in the original]
    const cases: [string, string][] = [
      ['f(', 'f<T>'],
      ['(a, b)', '(a: T'],
      ['a, b)', 'a: T'],
      [', b)', ', b?'],
      ['b)', 'b?'],
      [') {', '): void'],
      ['{ return', '{ return'],
      ['return', 'return'],
      ['g(', 'g('],
      ['a, b);', 'a!, b);'],
      [', b);', ', b);'],
      ['b);', 'b);'],
      ['); }', '); }'],
      ['}', '}'],
    ];
    for (const [inGenerated, inOriginal] of cases) {
      expect(
        originalColumn(generated, original, generated.indexOf(inGenerated) + 1),
        inGenerated,
      ).toBe(original.indexOf(inOriginal) + 1);
    }
  });

  it('maps columns after a template literal with a cast inside', () => {
    const original = 'const t = `${a as number}` + baz(c);';
    const generated = sucrase(original).split('\n')[0] ?? '';
    expect(generated).toBe('const t = `${a }` + baz(c);');
    for (const token of ['baz', 'c', '+']) {
      expect(originalColumn(generated, original, columnOf(generated, token)), token).toBe(
        columnOf(original, token),
      );
    }
  });

  it('maps a column past a removed angle-bracket cast', () => {
    const original = 'let y = <any>z;';
    const generated = sucrase(original).split('\n')[0] ?? '';
    expect(generated).toBe('let y = z;');
    expect(originalColumn(generated, original, columnOf(generated, 'z'))).toBe(
      columnOf(original, 'z'),
    );
  });

  it('maps identical lines to themselves', () => {
    const line = 'console.log(await work(1, 2));';
    for (const column of [1, 5, 13, 30, 31, 100]) {
      expect(originalColumn(line, line, column)).toBe(column);
    }
  });

  it('keeps the column for code that sucrase inserted', () => {
    const original = 'enum Color { Red, Green }';
    const generated = sucrase(original).split('\n')[0] ?? '';
    expect(generated.startsWith('var Color;')).toBe(true);
    // "var" does not occur in the original: nothing to align with.
    const column = columnOf(generated, 'Green');
    expect(originalColumn(generated, original, column)).toBe(column);
    expect(originalColumn(generated, original, 1)).toBe(1);
  });

  it('maps column 1 to the first matching character', () => {
    expect(originalColumn('foo()', 'foo()', 1)).toBe(1);
    expect(originalColumn('x = 1;', 'x: number = 1;', 1)).toBe(1);
    expect(originalColumn('x = 1;', 'x: number = 1;', 5)).toBe(13);
  });
});
