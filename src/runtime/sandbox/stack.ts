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
}

// "    at fn (URL:1:2)" or "    at URL:1:2"; URL may contain ":" (blob:null/…, data:…).
const FRAME = /^(\s+at (?:.*? \()?)((?:blob|data|https?|file):.*?):(\d+):(\d+)(\)?)$/;

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
      lines.push(line);
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

/** The first line of a syntax-like error message, for reports that carry no frames. */
export function headline(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
