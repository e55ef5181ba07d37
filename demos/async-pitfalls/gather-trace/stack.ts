/**
 * The stack trace of `error`, from the throw up to the frame of `main`, with
 * file positions removed so the output reads the same everywhere. A frame
 * without a function name (the arrow inside `.map`) prints as `(anonymous)`,
 * as in DevTools' call stack. (The format is V8's: Chrome, Edge and Node.
 * Firefox and Safari format traces differently.)
 */
export function shortStack(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = (error.stack ?? error.message).split('\n');
  const mainFrame = lines.findIndex((line) => /^\s+at (async )?main\b/.test(line));
  const kept = mainFrame === -1 ? lines : lines.slice(0, mainFrame + 1);
  return kept
    .map((line) =>
      line
        .replace(/ \((?:[^()]*:\d+:\d+|<anonymous>)\)$/, '') // "at f (/index.ts:3:9)" -> "at f"
        .replace(/^(\s+at (?:async )?)\S*:\d+:\d+$/, '$1(anonymous)'),
    )
    .join('\n');
}
