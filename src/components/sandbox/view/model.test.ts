import { describe, expect, it } from 'vitest';
import type { OutputEntry } from '../../../runtime/protocol';
import { typeErrorLines } from '../shared/diagnostics';
import { errorLocation, outputLines, statusText, verdictOf } from './model';

function entry(text: string, extra: Partial<OutputEntry> = {}): OutputEntry {
  return {
    method: 'log',
    id: text,
    data: [text],
    stream: 'stdout',
    source: 'main',
    at: 0,
    ...extra,
  };
}

describe('the output model', () => {
  it('gives one line per printed line, numbered as the transcript', () => {
    const lines = outputLines(
      [
        entry('old'),
        entry('', { method: 'clear' }),
        entry('a\nb'),
        entry('c', { source: 'worker 1' }),
      ],
      0,
      Infinity,
    );
    expect(lines.map((line) => [line.line, line.text, line.source])).toEqual([
      [1, 'a', undefined],
      [2, 'b', undefined],
      [3, 'c', 'worker 1'],
    ]);
  });

  it('puts the dropped-lines notice where the runtime cut the output', () => {
    const lines = outputLines([entry('1'), entry('2'), entry('9')], 5, 2);
    expect(lines.map((line) => line.text)).toEqual(['1', '2', '… 5 more lines not shown …', '9']);
  });

  it('judges only finished runs, and a stopped run as far as it got', () => {
    const lines = outputLines([entry('tick 1')], 0, Infinity);
    expect(verdictOf('tick 1\ntick 2', lines, 'running')).toBeUndefined();
    expect(verdictOf('tick 1\ntick 2', lines, 'stopped')).toBeUndefined();
    expect(
      verdictOf('tick 1', outputLines([entry('tick 1'), entry('tick 2')], 0, 9), 'stopped'),
    ).toEqual({
      kind: 'match',
    });
    expect(verdictOf('tick 1', lines, 'stopped')).toEqual({ kind: 'match' });
    expect(verdictOf('tick 1\ntick 2', lines, 'done')).toMatchObject({ kind: 'differs', line: 2 });
  });

  it('says what the run is doing', () => {
    expect(statusText('running', 1234)).toBe('Running 1.2 s');
    expect(statusText('done', 12_345)).toBe('Finished in 12 s');
  });

  it('finds the file and line an error names', () => {
    expect(errorLocation('Error: boom\n    at main (index.ts:23:5)')).toEqual({
      path: '/index.ts',
      line: 23,
    });
    expect(errorLocation('no location here')).toBeUndefined();
  });

  it('finds the lines tsc reports for a file', () => {
    const diagnostics = ['index.ts(13,7): error TS2801: …', 'worker.ts(2,1): error TS1: …'];
    expect(typeErrorLines(diagnostics, '/index.ts')).toEqual([13]);
    expect(typeErrorLines(diagnostics, '/other.ts')).toEqual([]);
  });
});
