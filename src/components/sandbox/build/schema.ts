/**
 * What authors write for a sandbox: a demo's `sandbox.json` and the props of
 * `<Sandbox>`. Each field is declared here and only here; its `.describe()`
 * text is the documentation, and a unit test keeps the tables in
 * demos/README.md equal to it, so a new field cannot go undocumented.
 *
 * The schemas are strict: a misspelt field fails the build instead of being
 * ignored, and every message names the file or the tag, the field and what
 * was expected.
 */
import { z } from 'astro/zod';

export class DemoError extends Error {
  override name = 'DemoError';
}

/** What the author wrote, in words: `a string ("1000")`, `a list`, `true`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** A field's error: what it takes, and what it was given instead. */
function expecting(what: string) {
  return {
    error: ({ input }: { input?: unknown }) =>
      input === undefined
        ? `is missing (it must be ${what})`
        : `must be ${what}, got ${describeValue(input)}`,
  };
}

const fileName = expecting('a file name');

export const demoSettingsSchema = z.strictObject(
  {
    hidden: z
      .array(z.string(fileName).min(1, fileName), expecting('a list of file names'))
      .optional()
      .describe(
        'List of code files to keep out of the editor tabs (they still run), e.g. `["lib.ts"]`.',
      ),
    active: z
      .string(fileName)
      .min(1, fileName)
      .optional()
      .describe(
        'The code file whose tab the editor opens on (default `index.ts`), e.g. `"worker.ts"`.',
      ),
    showTypeErrors: z
      .boolean(expecting('true or false'))
      .optional()
      .describe(
        '`true`: the page shows what `tsc` reports for the demo; the build fails if it reports nothing.',
      ),
    stopAfter: z
      .number(expecting('a positive whole number of milliseconds'))
      .int(expecting('a positive whole number of milliseconds'))
      .positive(expecting('a positive whole number of milliseconds'))
      .optional()
      .describe(
        'For programs that never end, e.g. `1000`: the verification stops them after that many milliseconds and compares only the start of their output with `expected.txt`, so expect only lines whose order cannot vary.',
      ),
    stepper: z
      .boolean(expecting('true or false'))
      .optional()
      .describe(
        '`true`: the sandbox offers "Step through" (the run recorded in engine262 on virtual time, forward and back); a unit test checks that the stepper prints `expected.txt` too. Leave it off for programs that busy-wait on the clock, use workers or `fetch`.',
      ),
    puzzle: z
      .boolean(expecting('true or false'))
      .optional()
      .describe(
        '`true`: a "Predict the order" puzzle: the reader types the order of the lines, by their first word (e.g. `A C B`), before running or stepping; needs `"stepper": true`.',
      ),
    anyNumber: z
      .string(expecting('a sentence'))
      .min(10, expecting('a sentence of at least 10 characters'))
      .optional()
      .describe(
        'Required when `expected.txt` or a counterpart\'s expected output uses `{#}` (any number), and only then: why that number cannot be checked, e.g. `"the core count of the machine"`.',
      ),
    python: z
      .string(expecting('a Python version such as "3.12"'))
      .regex(/^3\.\d{1,2}$/, expecting('a Python version such as "3.12"'))
      .optional()
      .describe(
        'The Python `counterpart.py` needs, e.g. `"3.13"`: the test runs it with `python3.13` (default `python3`) and fails, naming it, if that interpreter is missing.',
      ),
    exercise: z
      .strictObject(
        {
          hints: z
            .array(
              z.string(expecting('a hint')).min(1, expecting('a hint')),
              expecting('a list of hints'),
            )
            .min(1, expecting('a list of at least one hint'))
            .max(5, expecting('a list of at most five hints')),
        },
        expecting('an object such as { "hints": ["…"] }'),
      )
      .optional()
      .describe(
        'An exercise: `index.ts` is the starting program, `expected.txt` the goal, `solution/` holds the solution\'s files; e.g. `{ "hints": ["Look at …", "…"] }`, revealed one at a time (inline `code` in backticks).',
      ),
  },
  expecting('a JSON object such as { "hidden": ["lib.ts"] }'),
);

export type DemoSettings = z.output<typeof demoSettingsSchema>;

/** The props an author writes on `<Sandbox>` in MDX. */
export const sandboxTagSchema = z.strictObject({
  id: z
    .string(expecting('a string'))
    .describe(
      'Unique on the page, lowercase letters, digits and dashes: the link anchor (`page/#id`) and the key of saved edits.',
    ),
  demo: z
    .string(expecting('a string'))
    .describe('The demo folder under `demos/`, e.g. `"sync-vs-async/gather"`.'),
  title: z
    .string(expecting('a string'))
    .optional()
    .describe('The heading above the sandbox (default `Sandbox <id>`).'),
});

/** All props of the component: the embed pages also say which guide page a sandbox belongs to. */
export const sandboxPropsSchema = sandboxTagSchema.extend({
  page: z
    .string(expecting('a string'))
    .optional()
    .describe(
      'Set by the embed pages only: the guide page (path with the base) the sandbox belongs to.',
    ),
});

export type SandboxTag = z.output<typeof sandboxTagSchema>;
export type SandboxProps = z.output<typeof sandboxPropsSchema>;

/** The closest field name, for "did you mean" (a slip of case or up to two letters). */
function closest(name: string, fields: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(
          (previous[j] ?? 0) + 1,
          (row[j - 1] ?? 0) + 1,
          (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
      previous = row;
    }
    return previous[b.length] ?? Infinity;
  };
  const ranked = fields
    .map((field) => ({ field, cost: distance(name.toLowerCase(), field.toLowerCase()) }))
    .sort((a, b) => a.cost - b.cost);
  const best = ranked[0];
  return best && best.cost <= 2 ? best.field : undefined;
}

/**
 * Zod's issues as sentences about the author's own words:
 *   "hidden" must be a list of file names, got a string ("lib.ts")
 *   "stopafter" is not a field (did you mean "stopAfter"?); the fields are …
 */
function explain(error: z.ZodError, noun: 'field' | 'prop', fields: readonly string[]): string {
  return error.issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const guess = closest(key, fields);
          return `"${key}" is not a ${noun}${guess ? ` (did you mean "${guess}"?)` : ''}; the ${noun}s are ${fields.join(', ')}`;
        });
      }
      const [field, ...rest] = issue.path.map(String);
      if (field === undefined) return [issue.message];
      const item = rest.length > 0 ? ` item ${Number(rest[0]) + 1}` : '';
      return [`"${field}"${item} ${issue.message}`];
    })
    .join('; ');
}

/**
 * `sandbox.json` of a demo, checked. `file` is the path shown in messages,
 * relative to the repository (demos/<chapter>/<name>/sandbox.json).
 */
export function parseDemoSettings(text: string, file: string): DemoSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DemoError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  const result = demoSettingsSchema.safeParse(json);
  if (!result.success) {
    throw new DemoError(
      `${file}: ${explain(result.error, 'field', Object.keys(demoSettingsSchema.shape))}.`,
    );
  }
  return result.data;
}

/** How a tag is named in messages: by its id, else its demo, as the author wrote them. */
export function tagLabel(props: Readonly<Record<string, unknown>>): string {
  const named = (['id', 'demo'] as const).find((key) => typeof props[key] === 'string');
  return named ? `<Sandbox ${named}="${String(props[named])}">` : '<Sandbox>';
}

function parseProps<T extends z.ZodObject>(
  schema: T,
  props: Readonly<Record<string, unknown>>,
  where: string,
): z.output<T> {
  const result = schema.safeParse(props);
  if (!result.success) {
    throw new DemoError(
      `${tagLabel(props)} ${where}: ${explain(result.error, 'prop', Object.keys(schema.shape))}.`,
    );
  }
  return result.data;
}

/** A `<Sandbox>` tag's props as read from an MDX page; `where` is e.g. "on page /x/ (line 12)". */
export function parseSandboxTag(
  props: Readonly<Record<string, unknown>>,
  where: string,
): SandboxTag {
  return parseProps(sandboxTagSchema, props, where);
}

/** The component's props; `page` names the page in messages when the props do not. */
export function parseSandboxProps(
  props: Readonly<Record<string, unknown>>,
  page: string,
): SandboxProps {
  return parseProps(
    sandboxPropsSchema,
    props,
    `on page ${typeof props.page === 'string' ? props.page : page}`,
  );
}
