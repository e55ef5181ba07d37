import { describe, expect, it } from 'vitest';
import { findMismatch, parseExpected } from './expected';

const check = (expected: string, transcript: string, prefix = false) =>
  findMismatch(parseExpected(expected), transcript, { prefix });

describe('parseExpected().display', () => {
  it('renders every marker in its friendly form', () => {
    const { display } = parseExpected(
      'took {~1.00 ±3%}s\nabout {~5.0 ±0.2} ms\nrun {#} of {#}\nid {/[a-f0-9]+/} done\n',
    );
    expect(display).toBe('took ≈ 1.00s\nabout ≈ 5.0 ms\nrun # of #\nid … done');
  });

  it('drops the unordered markers but keeps their lines, in file order', () => {
    const { display } = parseExpected('start\n{unordered}\nb\na\n{/unordered}\nend\n');
    expect(display).toBe('start\nb\na\nend');
  });

  it('trims trailing spaces and trailing blank lines, and accepts CRLF', () => {
    const { display } = parseExpected('one   \r\ntwo\t\r\n\r\n\r\n');
    expect(display).toBe('one\ntwo');
  });

  it('keeps blank lines inside the text', () => {
    expect(parseExpected('a\n\nb\n').display).toBe('a\n\nb');
  });

  it('keeps a negative approx value as written', () => {
    expect(parseExpected('{~-2.5 ±0.1}').display).toBe('≈ -2.5');
  });
});

describe('findMismatch: exact lines', () => {
  it('matches identical output', () => {
    expect(check('hello\nworld\n', 'hello\nworld\n')).toBeUndefined();
  });

  it('reports the first differing line, 1-based, with both texts', () => {
    expect(check('hello\nworld\n', 'hello\nthere\n')).toEqual({
      line: 2,
      expected: 'world',
      actual: 'there',
    });
  });

  it('treats regex metacharacters in plain text literally', () => {
    expect(check('a.b (c)* [d]+ $e^ {f}', 'a.b (c)* [d]+ $e^ {f}')).toBeUndefined();
    expect(check('a.b', 'axb')).toBeDefined();
    expect(check('(c)*', 'ccc')).toBeDefined();
  });

  it('ignores trailing spaces on either side but not leading ones', () => {
    expect(check('value: 1   ', 'value: 1')).toBeUndefined();
    expect(check('value: 1', 'value: 1   ')).toBeUndefined();
    expect(check('value: 1', '  value: 1')).toEqual({
      line: 1,
      expected: 'value: 1',
      actual: '  value: 1',
    });
  });

  it('accepts CRLF in the transcript', () => {
    expect(check('a\nb', 'a\r\nb\r\n')).toBeUndefined();
  });

  it('reports missing lines as the end of output', () => {
    expect(check('a\nb\nc', 'a\nb')).toEqual({
      line: 3,
      expected: 'c',
      actual: '(end of output)',
    });
  });

  it('reports extra output lines', () => {
    expect(check('a\nb', 'a\nb\nc\nd')).toEqual({
      line: 3,
      expected: '(end of output)',
      actual: 'c',
    });
  });

  it('needs the whole line to match, not a part of it', () => {
    expect(check('done', 'done!')).toBeDefined();
    expect(check('done', 'not done')).toBeDefined();
  });
});

describe('findMismatch: empty output', () => {
  it('matches an empty expectation', () => {
    expect(check('', '')).toBeUndefined();
    expect(check('', '\n\n')).toBeUndefined();
    expect(check('\n', '  \n')).toBeUndefined();
  });

  it('fails when output was expected but nothing was printed', () => {
    expect(check('hello', '')).toEqual({
      line: 1,
      expected: 'hello',
      actual: '(end of output)',
    });
  });

  it('fails when nothing was expected but something was printed', () => {
    expect(check('', 'surprise')).toEqual({
      line: 1,
      expected: '(end of output)',
      actual: 'surprise',
    });
  });
});

describe('findMismatch: relative tolerance {~1.00 ±3%}', () => {
  const expected = 'took {~1.00 ±3%}s';
  it.each(['1.00', '1', '1.03', '0.97', '1.0299', '0.970'])('accepts %s', (value) => {
    expect(check(expected, `took ${value}s`)).toBeUndefined();
  });

  it.each(['1.031', '0.969', '1.5', '3.00', '-1.00'])('rejects %s', (value) => {
    expect(check(expected, `took ${value}s`)).toEqual({
      line: 1,
      expected: 'took ≈ 1.00s',
      actual: `took ${value}s`,
    });
  });

  it('scales with the value: ±10% of 200 allows 180..220', () => {
    expect(check('{~200 ±10%}', '220')).toBeUndefined();
    expect(check('{~200 ±10%}', '180')).toBeUndefined();
    expect(check('{~200 ±10%}', '220.5')).toBeDefined();
    expect(check('{~200 ±10%}', '179.9')).toBeDefined();
  });

  it('uses the magnitude of a negative value', () => {
    expect(check('{~-2.00 ±5%}', '-2.1')).toBeUndefined();
    expect(check('{~-2.00 ±5%}', '-1.9')).toBeUndefined();
    expect(check('{~-2.00 ±5%}', '-2.11')).toBeDefined();
    expect(check('{~-2.00 ±5%}', '2.00')).toBeDefined();
  });

  it('rejects text that is not a number', () => {
    expect(check(expected, 'took abcs')).toBeDefined();
    expect(check(expected, 'took s')).toBeDefined();
  });
});

describe('findMismatch: absolute tolerance {~5.0 ±0.2}', () => {
  const expected = 'elapsed {~5.0 ±0.2} ms';
  it.each(['5.0', '5', '5.2', '4.8', '5.19', '4.81'])('accepts %s', (value) => {
    expect(check(expected, `elapsed ${value} ms`)).toBeUndefined();
  });

  it.each(['5.21', '4.79', '6', '0.5', '50'])('rejects %s', (value) => {
    expect(check(expected, `elapsed ${value} ms`)).toBeDefined();
  });

  it('tolerates spaces inside the marker', () => {
    expect(check('{~ 5.0 ± 0.2}', '5.1')).toBeUndefined();
    expect(check('{~ 5.0 ± 0.2}', '5.3')).toBeDefined();
  });

  it('checks several approx numbers on one line independently', () => {
    const spec = 'a={~1.0 ±0.1} b={~10 ±10%}';
    expect(check(spec, 'a=1.05 b=10.9')).toBeUndefined();
    expect(check(spec, 'a=1.2 b=10')).toBeDefined();
    expect(check(spec, 'a=1.0 b=11.5')).toBeDefined();
  });

  it('keeps approx captures aligned when a regex marker has its own groups', () => {
    // The pattern's group must not shift which capture the tolerance check reads.
    const spec = '{/(x|y)+/} {~1.0 ±0.1}';
    expect(check(spec, 'xy 1.0')).toBeUndefined();
    expect(check(spec, 'xy 2.0')).toBeDefined();
  });
});

describe('findMismatch: any number {#}', () => {
  it.each(['0', '42', '-7', '+3', '3.14', '.5', '1e6', '2.5e-3', '10.'])('accepts %s', (n) => {
    expect(check('count: {#}', `count: ${n}`)).toBeUndefined();
  });

  it.each(['', 'abc', '1,000', '12 apples', 'NaN'])('rejects %j', (text) => {
    expect(check('count: {#}', `count: ${text}`)).toEqual({
      line: 1,
      expected: 'count: #',
      actual: `count: ${text}`,
    });
  });
});

describe('findMismatch: regex {/…/}', () => {
  it('matches the pattern in place', () => {
    expect(check('id: {/[a-f0-9]{8}/}', 'id: deadbeef')).toBeUndefined();
    expect(check('id: {/[a-f0-9]{8}/}', 'id: DEADBEEF')).toBeDefined();
    expect(check('id: {/[a-f0-9]{8}/}', 'id: deadbeef0')).toBeDefined();
  });

  it('keeps alternation inside the marker', () => {
    expect(check('status: {/ok|fail/} now', 'status: ok now')).toBeUndefined();
    expect(check('status: {/ok|fail/} now', 'status: fail now')).toBeUndefined();
    // Without grouping "ok|fail" would let "status: ok" alone match.
    expect(check('status: {/ok|fail/} now', 'status: ok')).toBeDefined();
  });

  it('allows escaped slashes in the pattern', () => {
    expect(check('path {/a\\/b/}', 'path a/b')).toBeUndefined();
  });

  it('renders as an ellipsis in mismatches', () => {
    expect(check('at {/.*/}:{#}', 'nowhere')?.expected).toBe('at …:#');
  });
});

describe('findMismatch: unordered blocks', () => {
  const expected = 'start\n{unordered}\nworker a\nworker b\nworker c\n{/unordered}\nend\n';

  it.each([
    ['a b c', ['worker a', 'worker b', 'worker c']],
    ['c b a', ['worker c', 'worker b', 'worker a']],
    ['b a c', ['worker b', 'worker a', 'worker c']],
    ['c a b', ['worker c', 'worker a', 'worker b']],
  ])('accepts order %s', (_, lines) => {
    expect(check(expected, ['start', ...lines, 'end'].join('\n'))).toBeUndefined();
  });

  it('fails when a line of the block is missing', () => {
    expect(check(expected, 'start\nworker c\nworker a\nend')).toEqual({
      line: 4,
      expected: 'one of: worker b',
      actual: 'end',
    });
  });

  it('fails when a line of the block appears twice', () => {
    expect(check(expected, 'start\nworker a\nworker a\nworker b\nend')).toEqual({
      line: 3,
      expected: 'one of: worker b | worker c',
      actual: 'worker a',
    });
  });

  it('fails when an extra line appears inside the block', () => {
    const mismatch = check(expected, 'start\nworker b\nworker x\nworker a\nworker c\nend');
    expect(mismatch).toEqual({
      line: 3,
      expected: 'one of: worker a | worker c',
      actual: 'worker x',
    });
  });

  it('fails when output ends inside the block', () => {
    expect(check(expected, 'start\nworker b')).toEqual({
      line: 3,
      expected: 'worker a',
      actual: '(end of output)',
    });
  });

  it('fails on extra output after the block', () => {
    expect(check(expected, 'start\nworker a\nworker b\nworker c\nend\nworker d')).toEqual({
      line: 6,
      expected: '(end of output)',
      actual: 'worker d',
    });
  });

  it('supports markers inside the block, matched in any order', () => {
    const spec = '{unordered}\nfast {~1.0 ±10%}s\nslow {~3.0 ±10%}s\n{/unordered}';
    expect(check(spec, 'slow 3.1s\nfast 0.95s')).toBeUndefined();
    expect(check(spec, 'fast 1.0s\nslow 3.5s')).toBeDefined();
  });

  it('accepts duplicate expected lines in any arrangement', () => {
    const spec = '{unordered}\ntick\ntick\ntock\n{/unordered}';
    expect(check(spec, 'tick\ntock\ntick')).toBeUndefined();
    expect(check(spec, 'tock\ntock\ntick')).toBeDefined();
  });

  it('works as the whole expectation and back to back with another block', () => {
    const spec = '{unordered}\na\nb\n{/unordered}\n{unordered}\nc\nd\n{/unordered}';
    expect(check(spec, 'b\na\nd\nc')).toBeUndefined();
    // Lines may not move between blocks.
    expect(check(spec, 'a\nc\nb\nd')).toBeDefined();
  });
});

describe('findMismatch: prefix mode', () => {
  it('accepts output that continues past the expectation', () => {
    expect(check('tick 1\ntick 2', 'tick 1\ntick 2\ntick 3\ntick 4', true)).toBeUndefined();
  });

  it('still requires every expected line', () => {
    expect(check('tick 1\ntick 2\ntick 3', 'tick 1\ntick 2', true)).toEqual({
      line: 3,
      expected: 'tick 3',
      actual: '(end of output)',
    });
  });

  it('still compares the lines it has', () => {
    expect(check('tick 1\ntick 2', 'tick 1\ntock\ntick 2', true)).toEqual({
      line: 2,
      expected: 'tick 2',
      actual: 'tock',
    });
  });

  it('is off by default', () => {
    expect(findMismatch(parseExpected('tick 1'), 'tick 1\ntick 2')).toEqual({
      line: 2,
      expected: '(end of output)',
      actual: 'tick 2',
    });
  });
});
