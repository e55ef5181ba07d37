/**
 * Demo files end with `export {}` so that TypeScript checks each one as a
 * module in the repository. Readers do not need that line: while it is the
 * file's last line it is kept out of view, and forks and downloads (real
 * TypeScript projects) get it back.
 */
const MODULE_TAIL = /\n*export \{\};?[^\S\n]*(?:\/\/[^\n]*)?\n*$/;

export interface SplitCode {
  /** What readers see and edit. */
  shown: string;
  /** What was taken off the end, to put back; '' when nothing was. */
  tail: string;
}

/**
 * The file's last newline goes with the tail too: an editor shows a file
 * ending in a newline with an empty last line, which is no use to a reader.
 */
export function splitModuleTail(code: string): SplitCode {
  const match = MODULE_TAIL.exec(code);
  if (!match || match.index === 0) {
    const shown = code.replace(/\n$/, '');
    return { shown, tail: code.slice(shown.length) };
  }
  return { shown: code.slice(0, match.index), tail: match[0].replace(/^\n*/, '\n\n') };
}

/** The reader's code with the tail put back, as a file of a TypeScript project. */
export function withModuleTail(code: string, tail: string): string {
  if (!tail) return code;
  return `${tail === '\n' ? code : code.replace(/\n*$/, '')}${tail}`;
}
