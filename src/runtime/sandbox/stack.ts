/**
 * Rewrites V8 stack traces so they name the sandbox's own files and
 * TypeScript positions instead of the blob: URLs the code really runs from.
 */
import type { SourceLocation } from '../protocol';

export interface ModuleLocator {
  /** The sandbox path and original position for a position in a running module, if it is one of ours. */
  locate(url: string, line: number, column: number): SourceLocation | undefined;
  /** True for URLs of the runtime's own code (bootstrap, loaders), whose frames readers never need. */
  isInternal(url: string): boolean;
  /** The sandbox path a module URL runs, for URLs named in messages. */
  pathOf?(url: string): string | undefined;
}

// "    at fn (URL:1:2)", "    at URL:1:2", "    at async URL:1:2" (a module's
// top-level await); URL may contain ":" (blob:null/…, data:…).
const FRAME =
  /^(\s+at (?:async (?=(?:blob|data|https?|file):))?(?:.*? \()?)((?:blob|data|https?|file):.*?):(\d+):(\d+)(\)?)$/;
// A module URL inside a message, e.g. "The requested module 'blob:null/…' does not provide…".
const BLOB_URL = /blob:[^\s'"()]+/g;

export interface MappedStack {
  stack: string;
  /** The innermost frame that points into a sandbox file. */
  location: SourceLocation | undefined;
}

export function mapStack(stack: string, locator: ModuleLocator): MappedStack {
  let location: SourceLocation | undefined;
  const lines: string[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match) {
      lines.push(
        locator.pathOf ? line.replace(BLOB_URL, (url) => locator.pathOf?.(url) ?? url) : line,
      );
      continue;
    }
    const [, prefix = '', url = '', l = '0', c = '0', suffix = ''] = match;
    const found = locator.locate(url, Number(l), Number(c));
    if (found) {
      location ??= found;
      lines.push(`${prefix}${found.path}:${found.line}:${found.column}${suffix}`);
    } else if (!locator.isInternal(url)) {
      lines.push(line);
    }
  }
  return { stack: lines.join('\n'), location };
}

/**
 * Maps a 1-based column of a transpiled line back to the TypeScript line it
 * came from. Sucrase keeps every line in place and mostly deletes type syntax,
 * so the transpiled line is (nearly) a subsequence of the original: a greedy
 * alignment finds where each character came from. (Sucrase's own source maps
 * lose columns after template literals, so they are not used.)
 */
export function originalColumn(generated: string, original: string, column: number): number {
  if (generated === original) return column;
  let o = 0;
  for (let g = 0; g < column - 1; g++) {
    const wanted = generated[g];
    let search = o;
    while (search < original.length && original[search] !== wanted) search++;
    // Inserted code (enums, parameter properties): keep the column as it is.
    if (search >= original.length) return column;
    o = search + 1;
  }
  while (o < original.length && original[o] !== generated[column - 1]) o++;
  return o < original.length ? o + 1 : column;
}
