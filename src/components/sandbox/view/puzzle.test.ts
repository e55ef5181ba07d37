import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGuess, guessTokens } from './puzzle';

const order = ['A', 'E', 'C', 'D', 'B'];

describe('checkGuess', () => {
  it('accepts the order in any separators and case', () => {
    for (const guess of ['A E C D B', 'a,e,c,d,b', 'AECDB'.split('').join(' → '), ' a e  c d b ']) {
      expect(checkGuess(guess, order).kind).toBe('right');
    }
  });

  it('names the first wrong position', () => {
    expect(checkGuess('A E D C B', order)).toEqual({
      kind: 'wrong',
      text: 'Not quite: your first 2 lines are right, but line 3 is not D. Try again, or press Step through to see why.',
    });
    expect(checkGuess('E A C D B', order).text).toBe(
      'Not quite: line 1 is not E. Try again, or press Step through to see why.',
    );
    expect(checkGuess('A C E D B', order).text).toContain('your first line is right, but line 2');
  });

  it('asks for a complete guess before judging it', () => {
    expect(checkGuess('', order).kind).toBe('incomplete');
    expect(checkGuess('A E C', order)).toMatchObject({ kind: 'incomplete' });
    expect(checkGuess('A E C D B B', order).text).toContain('B more than once');
    expect(checkGuess('A E C D X', order).text).toBe(
      'No line starts with X: the lines are A, B, C, D, E.',
    );
  });

  it('only the exact order is right', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(order, { minLength: 5, maxLength: 5 }), (guess) => {
        const right = guess.join('') === order.join('');
        expect(checkGuess(guess.join(' '), order).kind).toBe(right ? 'right' : 'wrong');
      }),
    );
  });

  it('reads words and digits as tokens', () => {
    expect(guessTokens('1, 2; 10')).toEqual(['1', '2', '10']);
  });
});
