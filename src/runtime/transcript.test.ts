import { describe, expect, it } from 'vitest';
import { OUTPUT_HEAD_LIMIT, OUTPUT_TAIL_LIMIT, type OutputEntry } from './protocol';
import { droppedNotice, OutputLimiter, transcriptOf } from './transcript';

let seq = 0;
function entry(text: string, method: OutputEntry['method'] = 'log'): OutputEntry {
  return {
    method,
    id: `0:0:${seq++}`,
    data: [text],
    stream: method === 'error' || method === 'warn' ? 'stderr' : 'stdout',
    source: 'main',
    at: 0,
  };
}
const lines = (prefix: string, count: number, from = 1): OutputEntry[] =>
  Array.from({ length: count }, (_, i) => entry(`${prefix} ${from + i}`));
const textsOf = (entries: readonly OutputEntry[]): string[] => entries.map((e) => e.data[0]);

describe('OutputLimiter', () => {
  it('uses the protocol limits by default', () => {
    const limiter = new OutputLimiter();
    const accepted = limiter.push(lines('line', OUTPUT_HEAD_LIMIT + 5));
    expect(accepted).toHaveLength(OUTPUT_HEAD_LIMIT);
    expect(limiter.head).toHaveLength(OUTPUT_HEAD_LIMIT);
    expect(textsOf(limiter.takeTail())).toEqual(
      Array.from({ length: 5 }, (_, i) => `line ${OUTPUT_HEAD_LIMIT + 1 + i}`),
    );
    expect(OUTPUT_TAIL_LIMIT).toBeGreaterThan(0);
  });

  it('accepts everything while under the head limit', () => {
    const limiter = new OutputLimiter(3, 2);
    const first = limiter.push(lines('a', 2));
    expect(textsOf(first)).toEqual(['a 1', 'a 2']);
    expect(textsOf(limiter.head)).toEqual(['a 1', 'a 2']);
    expect(limiter.takeTail()).toEqual([]);
    expect(limiter.dropped).toBe(0);
  });

  it('returns only the entries that went into the head', () => {
    const limiter = new OutputLimiter(3, 2);
    expect(textsOf(limiter.push(lines('a', 2)))).toEqual(['a 1', 'a 2']);
    expect(textsOf(limiter.push(lines('b', 3)))).toEqual(['b 1']);
    expect(limiter.push(lines('c', 1))).toEqual([]);
    expect(textsOf(limiter.head)).toEqual(['a 1', 'a 2', 'b 1']);
  });

  it('keeps the last tail entries and counts the ones in between as dropped', () => {
    const limiter = new OutputLimiter(3, 2);
    limiter.push(lines('line', 10));
    expect(textsOf(limiter.head)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(textsOf(limiter.takeTail())).toEqual(['line 9', 'line 10']);
    expect(limiter.dropped).toBe(5);
  });

  it('counts drops the same whether entries arrive one by one or in a batch', () => {
    const oneByOne = new OutputLimiter(2, 3);
    for (const e of lines('x', 50)) oneByOne.push([e]);
    const batch = new OutputLimiter(2, 3);
    batch.push(lines('x', 50));
    expect(textsOf(oneByOne.takeTail())).toEqual(['x 48', 'x 49', 'x 50']);
    expect(textsOf(batch.takeTail())).toEqual(['x 48', 'x 49', 'x 50']);
    expect(oneByOne.dropped).toBe(45);
    expect(batch.dropped).toBe(45);
  });

  it('keeps memory bounded while a flood is running', () => {
    const limiter = new OutputLimiter(2, 3);
    limiter.push(lines('x', 1000));
    // Dropped entries are counted before takeTail: at most 2 × tail are held.
    expect(limiter.dropped).toBeGreaterThanOrEqual(1000 - 2 - 3 * 2);
    limiter.takeTail();
    expect(limiter.dropped).toBe(1000 - 2 - 3);
  });

  it('hands over the tail once', () => {
    const limiter = new OutputLimiter(1, 2);
    limiter.push(lines('x', 4));
    expect(textsOf(limiter.takeTail())).toEqual(['x 3', 'x 4']);
    expect(limiter.takeTail()).toEqual([]);
    expect(limiter.dropped).toBe(1);
  });

  it('forgets everything before console.clear and accepts the clear entry', () => {
    const limiter = new OutputLimiter(3, 2);
    limiter.push(lines('before', 10));
    expect(limiter.dropped).toBeGreaterThan(0);
    const clear = entry('', 'clear');
    const accepted = limiter.push([clear, ...lines('after', 2)]);
    expect(accepted).toEqual([
      clear,
      expect.objectContaining({ data: ['after 1'] }),
      expect.objectContaining({ data: ['after 2'] }),
    ]);
    expect(textsOf(limiter.head)).toEqual(['after 1', 'after 2']);
    expect(limiter.takeTail()).toEqual([]);
    expect(limiter.dropped).toBe(0);
  });

  it('gives a fresh head limit after console.clear', () => {
    const limiter = new OutputLimiter(2, 1);
    limiter.push(lines('a', 5));
    limiter.push([entry('', 'clear')]);
    expect(textsOf(limiter.push(lines('b', 3)))).toEqual(['b 1', 'b 2']);
    expect(textsOf(limiter.takeTail())).toEqual(['b 3']);
    expect(limiter.dropped).toBe(0);
  });
});

describe('droppedNotice', () => {
  it('uses the singular for one line', () => {
    expect(droppedNotice(1)).toBe('… 1 more line not shown …');
  });

  it('uses the plural and thousands separators', () => {
    expect(droppedNotice(2)).toBe('… 2 more lines not shown …');
    expect(droppedNotice(1000)).toBe('… 1,000 more lines not shown …');
    expect(droppedNotice(1234567)).toBe('… 1,234,567 more lines not shown …');
  });
});

describe('transcriptOf', () => {
  it('joins the entries with newlines', () => {
    expect(transcriptOf([entry('a'), entry('b\nc'), entry('d', 'error')])).toBe('a\nb\nc\nd');
  });

  it('is empty for no entries', () => {
    expect(transcriptOf([])).toBe('');
  });

  it('starts after the last console.clear', () => {
    expect(
      transcriptOf([
        entry('gone 1'),
        entry('', 'clear'),
        entry('gone 2'),
        entry('', 'clear'),
        entry('kept 1'),
        entry('kept 2'),
      ]),
    ).toBe('kept 1\nkept 2');
  });

  it('is empty when the last entry is a clear', () => {
    expect(transcriptOf([entry('x'), entry('', 'clear')])).toBe('');
  });

  it('puts the dropped notice between head and tail', () => {
    expect(transcriptOf([entry('h1'), entry('h2'), entry('t1')], 7, 2)).toBe(
      `h1\nh2\n${droppedNotice(7)}\nt1`,
    );
  });

  it('counts the head from the last console.clear', () => {
    expect(
      transcriptOf([entry('old'), entry('', 'clear'), entry('h1'), entry('h2'), entry('t1')], 3, 2),
    ).toBe(`h1\nh2\n${droppedNotice(3)}\nt1`);
  });

  it('appends the dropped notice when the tail is empty or no head count is given', () => {
    expect(transcriptOf([entry('h1'), entry('h2')], 3, 2)).toBe(`h1\nh2\n${droppedNotice(3)}`);
    expect(transcriptOf([entry('h1'), entry('h2')], 3)).toBe(`h1\nh2\n${droppedNotice(3)}`);
  });

  it('adds no notice when nothing was dropped', () => {
    expect(transcriptOf([entry('h1'), entry('t1')], 0, 1)).toBe('h1\nt1');
  });

  it('matches what an OutputLimiter kept', () => {
    const limiter = new OutputLimiter(2, 2);
    limiter.push(lines('n', 9));
    const head = [...limiter.head];
    const tail = limiter.takeTail();
    expect(transcriptOf([...head, ...tail], limiter.dropped, head.length)).toBe(
      ['n 1', 'n 2', droppedNotice(5), 'n 8', 'n 9'].join('\n'),
    );
  });
});
