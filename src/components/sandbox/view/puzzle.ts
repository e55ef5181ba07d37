/**
 * "Predict the order": the reader's guess against the order the program
 * prints its lines, named by each line's first word ("A", "B"…). Shared by the
 * server-rendered sandbox (its check loads on the first submit) and the live
 * editor.
 */
export interface PuzzleVerdict {
  kind: 'right' | 'wrong' | 'incomplete';
  text: string;
}

/** The guess as tokens: letters, digits or words separated by anything else. */
export function guessTokens(guess: string): string[] {
  return guess.toUpperCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function checkGuess(guess: string, order: readonly string[]): PuzzleVerdict {
  const tokens = guessTokens(guess);
  const known = new Set(order.map((token) => token.toUpperCase()));
  const unknown = tokens.filter((token) => !known.has(token));
  if (tokens.length === 0) {
    return {
      kind: 'incomplete',
      text: `Type the ${order.length} letters first, e.g. ${order.join(' ')} in some order.`,
    };
  }
  if (unknown.length > 0) {
    return {
      kind: 'incomplete',
      text: `No line starts with ${unknown.join(', ')}: the lines are ${[...order].sort().join(', ')}.`,
    };
  }
  const repeated = tokens.filter((token, index) => tokens.indexOf(token) !== index);
  if (repeated.length > 0 || tokens.length !== order.length) {
    return {
      kind: 'incomplete',
      text: `List each of the ${order.length} lines once (you have ${tokens.length}${repeated.length > 0 ? `, ${[...new Set(repeated)].join(', ')} more than once` : ''}).`,
    };
  }
  const expected = order.map((token) => token.toUpperCase());
  const first = tokens.findIndex((token, index) => token !== expected[index]);
  if (first === -1) {
    return {
      kind: 'right',
      text: `Right: ${expected.join(' ')}. Run it to see, or press Step through to watch the queues make that order.`,
    };
  }
  const right =
    first === 0 ? '' : `your first ${first === 1 ? 'line is' : `${first} lines are`} right, but `;
  return {
    kind: 'wrong',
    text: `Not quite: ${right}line ${first + 1} is not ${tokens[first] ?? ''}. Try again, or press Step through to see why.`,
  };
}
