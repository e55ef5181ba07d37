/**
 * Exercises the reader has solved, remembered in this browser: a run whose
 * output matched the goal. Keyed by the guide page and the sandbox id, so an
 * exercise solved in an embed of the same site counts on its page too. Read
 * by the page's activation script (the "Solved" mark before the editor
 * loads), so it stays a few lines.
 */
const PREFIX = 'sandbox-solved:';

export function solvedKey(page: string, id: string): string {
  return `${PREFIX}${page}#${id}`;
}

/** Where storage is refused (private modes, blocked third-party storage) nothing is remembered. */
export function isSolved(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

export function rememberSolved(key: string): void {
  try {
    localStorage.setItem(key, new Date().toISOString());
  } catch {
    // Solved for this visit only.
  }
}

/** The server's render says "Solved" for an exercise this browser remembers solving. */
export function markSolved(root: ParentNode): void {
  for (const exercise of root.querySelectorAll<HTMLElement>('[data-solved-key]')) {
    if (isSolved(exercise.dataset.solvedKey ?? '')) exercise.dataset.solved = '';
  }
}
