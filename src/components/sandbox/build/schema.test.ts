import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import {
  DemoError,
  demoSettingsSchema,
  describeValue,
  parseDemoSettings,
  parseSandboxProps,
  parseSandboxTag,
  sandboxPropsSchema,
  sandboxTagSchema,
} from './schema';

const FILE = 'demos/x/y/sandbox.json';

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DemoError);
    return (error as Error).message;
  }
  throw new Error('did not throw');
};
const settingsFailure = (text: string): string => failure(() => parseDemoSettings(text, FILE));

describe('sandbox.json', () => {
  it.each([
    ['{}', {}],
    [
      '{ "hidden": ["lib.ts"], "active": "worker.ts" }',
      { hidden: ['lib.ts'], active: 'worker.ts' },
    ],
    ['{ "showTypeErrors": true }', { showTypeErrors: true }],
    ['{ "stopAfter": 1000 }', { stopAfter: 1000 }],
    ['{ "hidden": [] }', { hidden: [] }],
  ])('accepts %s', (text, settings) => {
    expect(parseDemoSettings(text, FILE)).toEqual(settings);
  });

  it('a list of hidden files given as a string names the file, the field and the type', () => {
    expect(settingsFailure('{ "hidden": "lib.ts" }')).toBe(
      `${FILE}: "hidden" must be a list of file names, got a string ("lib.ts").`,
    );
  });

  it('names the item of a list that is not a file name', () => {
    expect(settingsFailure('{ "hidden": ["lib.ts", 3, ""] }')).toBe(
      `${FILE}: "hidden" item 2 must be a file name, got a number (3); "hidden" item 3 must be a file name, got a string ("").`,
    );
  });

  it.each([
    ['"1000"', 'a string ("1000")'],
    ['1.5', 'a number (1.5)'],
    ['0', 'a number (0)'],
    ['-5', 'a number (-5)'],
    ['true', 'true'],
    ['null', 'null'],
  ])('stopAfter %s is not a positive whole number of milliseconds', (value, got) => {
    expect(settingsFailure(`{ "stopAfter": ${value} }`)).toBe(
      `${FILE}: "stopAfter" must be a positive whole number of milliseconds, got ${got}.`,
    );
  });

  it('showTypeErrors takes true or false, not a string', () => {
    expect(settingsFailure('{ "showTypeErrors": "yes" }')).toBe(
      `${FILE}: "showTypeErrors" must be true or false, got a string ("yes").`,
    );
  });

  it('active takes one file name, not a list', () => {
    expect(settingsFailure('{ "active": ["worker.ts"] }')).toBe(
      `${FILE}: "active" must be a file name, got a list.`,
    );
  });

  it('a misspelt field fails and the message suggests the right one', () => {
    expect(settingsFailure('{ "stopafter": 1000 }')).toBe(
      `${FILE}: "stopafter" is not a field (did you mean "stopAfter"?); the fields are hidden, active, showTypeErrors, stopAfter, stepper, puzzle, anyNumber, python, exercise.`,
    );
    expect(settingsFailure('{ "hiden": ["lib.ts"] }')).toContain('(did you mean "hidden"?)');
  });

  it('an unknown field fails without a guess', () => {
    expect(settingsFailure('{ "hidden": ["lib.ts"], "homework": true }')).toBe(
      `${FILE}: "homework" is not a field; the fields are hidden, active, showTypeErrors, stopAfter, stepper, puzzle, anyNumber, python, exercise.`,
    );
  });

  it('reports every problem at once', () => {
    const message = settingsFailure('{ "hidden": "a.ts", "stopAfter": "1", "colour": 1 }');
    expect(message).toContain('"hidden" must be');
    expect(message).toContain('"stopAfter" must be');
    expect(message).toContain('"colour" is not a field');
  });

  it.each([
    ['[]', 'a list'],
    ['"x"', 'a string ("x")'],
    ['null', 'null'],
  ])('a top level %s is not an object', (text, got) => {
    expect(settingsFailure(text)).toBe(
      `${FILE}: must be a JSON object such as { "hidden": ["lib.ts"] }, got ${got}.`,
    );
  });

  it('invalid JSON names the file and keeps the parser message', () => {
    expect(settingsFailure('{ "hidden": [lib.ts] }')).toMatch(
      /^demos\/x\/y\/sandbox\.json is not valid JSON \(.+\)\.$/,
    );
  });

  it('every sandbox.json under demos/ parses', () => {
    const root = join(process.cwd(), 'demos');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('sandbox.json'))
      .map((file) => join(root, file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(() =>
        parseDemoSettings(readFileSync(file, 'utf8'), relative(process.cwd(), file)),
      ).not.toThrow();
    }
  });
});

describe('<Sandbox> props', () => {
  const AT = 'on page /p/';

  it('accepts id, demo and an optional title', () => {
    expect(parseSandboxTag({ id: 'a', demo: 'c/n' }, AT)).toEqual({ id: 'a', demo: 'c/n' });
    expect(parseSandboxTag({ id: 'a', demo: 'c/n', title: 'T' }, AT)).toEqual({
      id: 'a',
      demo: 'c/n',
      title: 'T',
    });
  });

  it('a missing prop names the page, the sandbox and the prop', () => {
    expect(failure(() => parseSandboxTag({ id: 'a' }, AT))).toBe(
      '<Sandbox id="a"> on page /p/: "demo" is missing (it must be a string).',
    );
    expect(failure(() => parseSandboxTag({ demo: 'c/n' }, AT))).toBe(
      '<Sandbox demo="c/n"> on page /p/: "id" is missing (it must be a string).',
    );
  });

  it('a misspelt prop fails with a suggestion', () => {
    expect(failure(() => parseSandboxTag({ id: 'a', demo: 'c/n', tilte: 'T' }, AT))).toBe(
      '<Sandbox id="a"> on page /p/: "tilte" is not a prop (did you mean "title"?); the props are id, demo, title.',
    );
  });

  it('a prop of the wrong type says what it got', () => {
    expect(failure(() => parseSandboxTag({ id: 'a', demo: 'c/n', title: 42 }, AT))).toBe(
      '<Sandbox id="a"> on page /p/: "title" must be a string, got a number (42).',
    );
    expect(failure(() => parseSandboxTag({ id: 7, demo: 'c/n' }, AT))).toBe(
      '<Sandbox demo="c/n"> on page /p/: "id" must be a string, got a number (7).',
    );
  });

  it('page is a prop of the component (set by embed pages), not of the tag', () => {
    expect(failure(() => parseSandboxTag({ id: 'a', demo: 'c/n', page: '/q/' }, AT))).toContain(
      '"page" is not a prop',
    );
    expect(parseSandboxProps({ id: 'a', demo: 'c/n', page: '/q/' }, '/embed/')).toEqual({
      id: 'a',
      demo: 'c/n',
      page: '/q/',
    });
  });

  it('the component names the page from its props, else from the URL', () => {
    expect(failure(() => parseSandboxProps({ id: 'a', demo: 1, page: '/q/' }, '/embed/'))).toBe(
      '<Sandbox id="a"> on page /q/: "demo" must be a string, got a number (1).',
    );
    expect(failure(() => parseSandboxProps({ id: 'a', demos: 'c/n' }, '/url/'))).toBe(
      '<Sandbox id="a"> on page /url/: "demo" is missing (it must be a string); "demos" is not a prop (did you mean "demo"?); the props are id, demo, title, page.',
    );
  });
});

describe('describeValue', () => {
  it('says what an author wrote', () => {
    expect(describeValue({})).toBe('an object');
    expect(describeValue('x'.repeat(50))).toBe(`a string ("${'x'.repeat(40)}…")`);
    expect(describeValue(undefined)).toBe('undefined');
  });
});

/** The field rows of the table under `heading` in demos/README.md: name → text. */
function documented(readme: string, heading: string): Map<string, string> {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `demos/README.md has no "${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + heading.length + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) rows.set(match[1], match[2].trim());
  }
  return rows;
}

describe('demos/README.md documents the schema', () => {
  const readme = readFileSync(join(process.cwd(), 'demos', 'README.md'), 'utf8');

  it.each([
    ['## `sandbox.json`', demoSettingsSchema],
    ['## The `<Sandbox>` tag', sandboxTagSchema],
  ])(
    'the table under %s is the schema, field for field',
    (heading, schema: z.ZodObject<Record<string, z.ZodType>>) => {
      const expected = new Map(
        Object.entries(schema.shape).map(([name, field]) => [name, field.description ?? '']),
      );
      for (const [name, text] of expected) {
        expect(text, `schema.ts: describe() the field "${name}"`).not.toBe('');
        expect(text, `the description of "${name}" cannot hold a table bar`).not.toContain('|');
      }
      const rows = [...expected].map(([name, text]) => `| \`${name}\` | ${text} |`).join('\n');
      expect(
        Object.fromEntries(documented(readme, heading)),
        `demos/README.md, ${heading}: paste these rows (then run prettier):\n${rows}\n`,
      ).toEqual(Object.fromEntries(expected));
    },
  );

  it('every prop of the component is described', () => {
    for (const [name, field] of Object.entries(sandboxPropsSchema.shape)) {
      expect(field.description, name).toBeTruthy();
    }
  });
});
