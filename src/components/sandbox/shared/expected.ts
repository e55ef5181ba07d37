/**
 * The expected-output notation (documented in demos/README.md): plain
 * terminal text plus markers for what varies between runs.
 *
 *   {~1.00 ±3%}   a number within 3 % of 1.00     shown as ≈ 1.00
 *   {~5.0 ±0.2}   a number within 0.2 of 5.0      shown as ≈ 5.0
 *   {#}           any number                      shown as #
 *   {/regex/}     text matching the pattern       shown as …
 *   {unordered} … {/unordered}   lines in any order
 */

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'approx'; value: number; tolerance: number; relative: boolean; shown: string }
  | { kind: 'number' }
  | { kind: 'pattern'; source: string };

interface LineSpec {
  tokens: Token[];
  regex: RegExp;
  /** Numbers captured by approx tokens, in order, for the tolerance check. */
  approx: Extract<Token, { kind: 'approx' }>[];
  source: string;
}

interface Block {
  unordered: boolean;
  lines: LineSpec[];
}

export interface ExpectedOutput {
  blocks: Block[];
  /** What readers see: the notation rendered in friendly form. */
  display: string;
}

const MARKER = /\{(~\s*[-+]?\d+(?:\.\d+)?\s*±\s*\d+(?:\.\d+)?%?|#|\/(?:\\.|[^/\\])+\/)\}/g;
const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[-+]?\\d+)?';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseLine(source: string): LineSpec {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of source.matchAll(MARKER)) {
    if (match.index > last) tokens.push({ kind: 'text', text: source.slice(last, match.index) });
    const body = match[1] ?? '';
    if (body === '#') tokens.push({ kind: 'number' });
    else if (body.startsWith('/')) tokens.push({ kind: 'pattern', source: body.slice(1, -1) });
    else {
      const [, value = '0', tolerance = '0', percent] =
        /~\s*([-+]?\d+(?:\.\d+)?)\s*±\s*(\d+(?:\.\d+)?)(%?)/.exec(body) ?? [];
      tokens.push({
        kind: 'approx',
        value: Number(value),
        tolerance: Number(tolerance),
        relative: percent === '%',
        shown: value,
      });
    }
    last = match.index + match[0].length;
  }
  if (last < source.length) tokens.push({ kind: 'text', text: source.slice(last) });
  let approxIndex = 0;
  const pattern = tokens
    .map((token) => {
      switch (token.kind) {
        case 'text':
          return escapeRegex(token.text);
        case 'approx':
          // Named, so groups inside a {/regex/} marker cannot shift the count.
          return `(?<approx${approxIndex++}>${NUMBER})`;
        case 'number':
          return NUMBER;
        case 'pattern':
          return `(?:${token.source})`;
      }
    })
    .join('');
  return {
    tokens,
    regex: new RegExp(`^${pattern}$`),
    approx: tokens.filter((t): t is Extract<Token, { kind: 'approx' }> => t.kind === 'approx'),
    source,
  };
}

function displayLine(spec: LineSpec): string {
  return spec.tokens
    .map((token) => {
      switch (token.kind) {
        case 'text':
          return token.text;
        case 'approx':
          return `≈ ${token.shown}`;
        case 'number':
          return '#';
        case 'pattern':
          return '…';
      }
    })
    .join('');
}

export function parseExpected(text: string): ExpectedOutput {
  const blocks: Block[] = [];
  let current: Block = { unordered: false, lines: [] };
  const body = text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  const lines = body.trim() === '' ? [] : body.split('\n');
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '{unordered}' || line === '{/unordered}') {
      if (current.lines.length) blocks.push(current);
      current = { unordered: line === '{unordered}', lines: [] };
      continue;
    }
    current.lines.push(parseLine(line));
  }
  if (current.lines.length) blocks.push(current);
  const display = blocks.flatMap((b) => b.lines.map(displayLine)).join('\n');
  return { blocks, display };
}

function lineMatches(spec: LineSpec, actual: string): boolean {
  const match = spec.regex.exec(actual.trimEnd());
  if (!match) return false;
  return spec.approx.every((token, index) => {
    const value = Number(match.groups?.[`approx${index}`]);
    const limit = token.relative
      ? Math.abs(token.value) * (token.tolerance / 100)
      : token.tolerance;
    return Math.abs(value - token.value) <= limit + 1e-9;
  });
}

export interface Mismatch {
  /** 1-based line in the actual transcript where the difference starts. */
  line: number;
  expected: string;
  actual: string;
}

/** Compares a transcript with the expected output; undefined when it matches. */
export function findMismatch(
  expected: ExpectedOutput,
  transcript: string,
  { prefix = false }: { prefix?: boolean } = {},
): Mismatch | undefined {
  const actual = transcript.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (transcript.trim() === '') actual.length = 0;
  let cursor = 0;
  for (const block of expected.blocks) {
    if (!block.unordered) {
      for (const spec of block.lines) {
        const line = actual[cursor];
        if (line === undefined || !lineMatches(spec, line)) {
          return {
            line: cursor + 1,
            expected: displayLine(spec),
            actual: line ?? '(end of output)',
          };
        }
        cursor++;
      }
      continue;
    }
    const window = actual.slice(cursor, cursor + block.lines.length);
    const unused = [...block.lines];
    for (const [offset, line] of window.entries()) {
      const index = unused.findIndex((spec) => lineMatches(spec, line));
      if (index === -1) {
        return {
          line: cursor + offset + 1,
          expected: `one of: ${unused.map(displayLine).join(' | ')}`,
          actual: line,
        };
      }
      unused.splice(index, 1);
    }
    const [missing] = unused;
    if (missing) {
      return {
        line: cursor + window.length + 1,
        expected: displayLine(missing),
        actual: '(end of output)',
      };
    }
    cursor += block.lines.length;
  }
  if (cursor < actual.length && !prefix) {
    return { line: cursor + 1, expected: '(end of output)', actual: actual[cursor] ?? '' };
  }
  return undefined;
}
