import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimSandboxId, DEMOS_ROOT, DemoError, loadDemo } from './demos';

const PAGE = '/unit/page/';

describe('loadDemo on the real demos folder', () => {
  it('loads demos/fixtures/multi-file with index.ts first', () => {
    const demo = loadDemo('fixtures/multi-file', PAGE);
    const dir = join(DEMOS_ROOT, 'fixtures/multi-file');
    expect(DEMOS_ROOT).toBe(join(process.cwd(), 'demos'));
    expect(demo.name).toBe('fixtures/multi-file');
    expect(demo.dir).toBe(dir);
    expect(demo.files.map((f) => f.path)).toEqual(['/index.ts', '/lib.ts', '/math.ts']);
    expect(demo.files.every((f) => !f.hidden)).toBe(true);
    expect(demo.files[1]?.code).toBe(readFileSync(join(dir, 'lib.ts'), 'utf8'));
    expect(demo.activeFile).toBe('/index.ts');
    expect(demo.expected).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
    expect(demo.showTypeErrors).toBe(false);
    expect(demo).not.toHaveProperty('stopAfter');
    expect(demo).not.toHaveProperty('counterpart');
  });

  it('loads a demo with a Python counterpart and settings', () => {
    const demo = loadDemo('async-pitfalls/truthy-promise', PAGE);
    const dir = join(DEMOS_ROOT, 'async-pitfalls/truthy-promise');
    expect(demo.showTypeErrors).toBe(true);
    expect(demo.counterpart).toEqual({
      code: readFileSync(join(dir, 'counterpart.py'), 'utf8'),
      expected: readFileSync(join(dir, 'counterpart.expected.txt'), 'utf8'),
      python: 'python3',
    });
  });
});

describe('loadDemo on temporary demo folders', () => {
  // A private demos tree: DEMOS_ROOT is read from process.cwd() when the module loads.
  let root: string;
  let load: typeof loadDemo;
  let DemoErrorClass: typeof DemoError;

  const demo = (name: string, files: Record<string, string>): void => {
    const dir = join(root, 'demos', name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  };
  const failure = (name: string): Error => {
    try {
      load(name, PAGE);
    } catch (error) {
      expect(error).toBeInstanceOf(DemoErrorClass);
      return error as Error;
    }
    throw new Error(`loadDemo("${name}") did not throw`);
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'demos-unit-'));
    vi.spyOn(process, 'cwd').mockReturnValue(root);
    vi.resetModules();
    const module = await import('./demos');
    load = module.loadDemo;
    DemoErrorClass = module.DemoError;
    expect(module.DEMOS_ROOT).toBe(join(root, 'demos'));

    const ok = { 'index.ts': 'console.log(1);\n', 'expected.txt': '1\n' };
    demo('unit/full', {
      ...ok,
      'b-helper.ts': 'export const b = 1;\n',
      'a-worker.ts': 'export {};\n',
      'c.mjs': 'export default 3;\n',
      'notes.md': '# not code\n',
      'sandbox.json': JSON.stringify({
        hidden: ['b-helper.ts'],
        active: 'a-worker.ts',
        showTypeErrors: true,
        stopAfter: 1500,
      }),
      'counterpart.py': 'print(1)\n',
      'counterpart.expected.txt': '1\n',
    });
    demo('unit/no-index', { 'expected.txt': '1\n', 'main.ts': 'export {};\n' });
    demo('unit/no-expected', { 'index.ts': 'export {};\n' });
    demo('unit/bad-json', { ...ok, 'sandbox.json': '{ "hidden": [lib.ts] }' });
    demo('unit/unknown-hidden', { ...ok, 'sandbox.json': '{ "hidden": ["lib.ts"] }' });
    demo('unit/unknown-active', { ...ok, 'sandbox.json': '{ "active": "expected.txt" }' });
    demo('unit/misspelt', { ...ok, 'sandbox.json': '{ "hidden": "index.ts", "stopafter": 1 }' });
    demo('unit/lonely-python', { ...ok, 'counterpart.py': 'print(1)\n' });
    demo('unit/python-313', {
      ...ok,
      'counterpart.py': 'print(1)\n',
      'counterpart.expected.txt': '1\n',
      'sandbox.json': '{ "python": "3.13" }',
    });
    demo('unit/python-without-counterpart', { ...ok, 'sandbox.json': '{ "python": "3.13" }' });
    demo('unit/node', {
      ...ok,
      'counterpart.node.ts': 'console.log(1);\n',
      'counterpart.node.expected.txt': '1\n',
    });
    demo('unit/lonely-node', { ...ok, 'counterpart.node.ts': 'console.log(1);\n' });
    const hints = '{ "exercise": { "hints": ["Use `await`.", "Really."] } }';
    demo('unit/exercise', { ...ok, 'lib.ts': 'export {};\n', 'sandbox.json': hints });
    demo('unit/exercise/solution', { 'index.ts': 'console.log(2);\n', 'lib.ts': 'export {};\n' });
    demo('unit/exercise-partial', { ...ok, 'lib.ts': 'export {};\n', 'sandbox.json': hints });
    demo('unit/exercise-partial/solution', { 'index.ts': 'console.log(2);\n' });
    demo('unit/exercise-no-solution', { ...ok, 'sandbox.json': hints });
    demo('unit/solution-no-exercise', ok);
    demo('unit/solution-no-exercise/solution', ok);
    demo('unit/any-number', { ...ok, 'expected.txt': 'took {#} ms\n' });
    demo('unit/any-number-reason', {
      ...ok,
      'expected.txt': 'took {#} ms\n',
      'sandbox.json': '{ "anyNumber": "the time depends on the machine" }',
    });
    demo('unit/any-number-python', {
      ...ok,
      'counterpart.py': 'print(1)\n',
      'counterpart.expected.txt': '{#}\n',
    });
    demo('unit/stale-reason', {
      ...ok,
      'sandbox.json': '{ "anyNumber": "the time depends on the machine" }',
    });
    mkdirSync(join(root, 'demos', 'unit'), { recursive: true });
    writeFileSync(join(root, 'demos', 'unit', 'a-file'), 'not a folder');
  });

  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('loads every code file, index.ts first, with the settings applied', () => {
    const loaded = load('unit/full', PAGE);
    expect(loaded.files).toEqual([
      { path: '/index.ts', code: 'console.log(1);\n', hidden: false },
      { path: '/a-worker.ts', code: 'export {};\n', hidden: false },
      { path: '/b-helper.ts', code: 'export const b = 1;\n', hidden: true },
      { path: '/c.mjs', code: 'export default 3;\n', hidden: false },
    ]);
    expect(loaded.activeFile).toBe('/a-worker.ts');
    expect(loaded.showTypeErrors).toBe(true);
    expect(loaded.stopAfter).toBe(1500);
    expect(loaded.expected).toBe('1\n');
    expect(loaded.counterpart).toEqual({ code: 'print(1)\n', expected: '1\n', python: 'python3' });
    expect(loaded.dir).toBe(join(root, 'demos', 'unit', 'full'));
  });

  it.each([
    ['Unit/full'],
    ['unit'],
    ['unit/full/extra'],
    ['unit/../full'],
    ['unit/under_score'],
    ['../demos/unit'],
    [''],
  ])('rejects the demo name %j, naming the page', (name) => {
    const error = failure(name);
    expect(error.message).toContain(`Sandbox demo "${name}" on page ${PAGE}`);
    expect(error.message).toContain('chapter/name');
  });

  it('reports a missing folder, naming the page and the folder', () => {
    expect(failure('unit/missing').message).toBe(
      `Sandbox demo "unit/missing" on page ${PAGE}: folder demos/unit/missing does not exist.`,
    );
  });

  it('reports a file where the folder should be', () => {
    expect(failure('unit/a-file').message).toBe(
      `Sandbox demo "unit/a-file" on page ${PAGE}: folder demos/unit/a-file does not exist.`,
    );
  });

  it('reports a missing index.ts', () => {
    expect(failure('unit/no-index').message).toBe(
      `Sandbox demo "unit/no-index" on page ${PAGE}: index.ts is missing.`,
    );
  });

  it('reports a missing expected.txt', () => {
    const { message } = failure('unit/no-expected');
    expect(message).toContain(`Sandbox demo "unit/no-expected" on page ${PAGE}`);
    expect(message).toContain('expected.txt is missing');
  });

  it('reports an invalid sandbox.json with the parser message', () => {
    const { message } = failure('unit/bad-json');
    expect(message).toContain(`Sandbox demo "unit/bad-json" on page ${PAGE}`);
    expect(message).toMatch(/sandbox\.json is not valid JSON \(.+\)\.$/);
  });

  it('reports settings the schema rejects, naming the page, the file and the fields', () => {
    expect(failure('unit/misspelt').message).toBe(
      `Sandbox demo "unit/misspelt" on page ${PAGE}: demos/unit/misspelt/sandbox.json: "hidden" must be a list of file names, got a string ("index.ts"); "stopafter" is not a field (did you mean "stopAfter"?); the fields are hidden, active, showTypeErrors, stopAfter, stepper, puzzle, anyNumber, python, exercise.`,
    );
  });

  it('reports a hidden file that is not a code file of the demo', () => {
    expect(failure('unit/unknown-hidden').message).toBe(
      `Sandbox demo "unit/unknown-hidden" on page ${PAGE}: demos/unit/unknown-hidden/sandbox.json: "hidden" names "lib.ts", which is not a code file of the demo (index.ts).`,
    );
  });

  it('reports an active file that is not a code file of the demo', () => {
    const { message } = failure('unit/unknown-active');
    expect(message).toContain(`Sandbox demo "unit/unknown-active" on page ${PAGE}`);
    expect(message).toContain('sandbox.json: "active" names "expected.txt"');
  });

  it('runs a counterpart with the Python its sandbox.json names', () => {
    expect(load('unit/python-313', PAGE).counterpart?.python).toBe('python3.13');
    expect(failure('unit/python-without-counterpart').message).toContain(
      '"python" names the interpreter of counterpart.py, which the demo does not have',
    );
  });

  it('loads a Node counterpart, which is not one of the sandbox files', () => {
    const loaded = load('unit/node', PAGE);
    expect(loaded.nodeCounterpart).toEqual({ code: 'console.log(1);\n', expected: '1\n' });
    expect(loaded.files.map((file) => file.path)).toEqual(['/index.ts']);
    expect(failure('unit/lonely-node').message).toContain(
      'counterpart.node.ts needs counterpart.node.expected.txt beside it',
    );
  });

  it('loads an exercise: its hints and the whole solution program', () => {
    expect(load('unit/exercise', PAGE).exercise).toEqual({
      hints: ['Use `await`.', 'Really.'],
      solution: [
        { path: '/index.ts', code: 'console.log(2);\n' },
        { path: '/lib.ts', code: 'export {};\n' },
      ],
    });
    expect(load('unit/full', PAGE).exercise).toBeUndefined();
  });

  it.each([
    [
      'unit/exercise-partial',
      'solution/ must hold the same code files as the starting program (index.ts, lib.ts); missing: lib.ts',
    ],
    ['unit/exercise-no-solution', 'an exercise needs a solution/ folder'],
    [
      'unit/solution-no-exercise',
      'has a solution/ folder but demos/unit/solution-no-exercise/sandbox.json has no "exercise" field',
    ],
  ])('reports the exercise mistake of %s', (name, message) => {
    expect(failure(name).message).toContain(message);
  });

  it('needs a reason for every {#}, and only where one is used', () => {
    expect(failure('unit/any-number').message).toContain(
      'expected.txt uses {#} (any number): say why in demos/unit/any-number/sandbox.json',
    );
    expect(failure('unit/any-number-python').message).toContain(
      'counterpart.expected.txt uses {#}',
    );
    expect(load('unit/any-number-reason', PAGE).expected).toBe('took {#} ms\n');
    expect(failure('unit/stale-reason').message).toContain(
      '"anyNumber" gives a reason, but no expected output uses {#}',
    );
  });

  it('reports counterpart.py without counterpart.expected.txt', () => {
    expect(failure('unit/lonely-python').message).toBe(
      `Sandbox demo "unit/lonely-python" on page ${PAGE}: counterpart.py needs counterpart.expected.txt beside it.`,
    );
  });
});

describe('claimSandboxId', () => {
  it('accepts distinct ids on one render', () => {
    const render = {};
    expect(() => {
      claimSandboxId(render, 'first', PAGE);
      claimSandboxId(render, 'second-2', PAGE);
    }).not.toThrow();
  });

  it('rejects a duplicate id on the same render, naming the page', () => {
    const render = {};
    claimSandboxId(render, 'demo', PAGE);
    expect(() => {
      claimSandboxId(render, 'demo', PAGE);
    }).toThrow(
      new DemoError(
        `Sandbox id "demo" is used twice on page ${PAGE} (sandboxes and figures share a page's ids).`,
      ),
    );
  });

  it('allows the same id on two different renders', () => {
    claimSandboxId({}, 'shared', '/a/');
    expect(() => {
      claimSandboxId({}, 'shared', '/a/');
    }).not.toThrow();
  });

  it.each([['Upper'], ['1starts-with-digit'], ['has space'], ['under_score'], [''], ['-dash']])(
    'rejects the id %j, naming the page',
    (id) => {
      expect(() => {
        claimSandboxId({}, id, PAGE);
      }).toThrow(DemoError);
      expect(() => {
        claimSandboxId({}, id, PAGE);
      }).toThrow(`Sandbox id "${id}" on page ${PAGE}`);
    },
  );

  it('does not reserve a rejected id', () => {
    const render = {};
    expect(() => {
      claimSandboxId(render, 'Bad', PAGE);
    }).toThrow(DemoError);
    expect(() => {
      claimSandboxId(render, 'ok', PAGE);
    }).not.toThrow();
  });
});
