/**
 * What the sandbox shows, as plain data: the lines of the output (the
 * transcript the expected output is compared with, one element per line),
 * the status of the run and the verdict. Shared by the server render, the
 * quick run before the editor loads, and the live editor.
 */
import type { OutputEntry } from '../../../runtime/protocol';
import { droppedNotice } from '../../../runtime/transcript';
import { findMismatch, parseExpected } from '../shared/expected';

export type ViewState = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'stopped';

/** Lines shown in the editor before "Show all N lines". */
export const CODE_LINES_SHOWN = 32;

export interface OutputLine {
  /** 1-based line of the transcript. */
  line: number;
  text: string;
  /** The printing context, on the first line of an entry from a worker. */
  source?: string;
  method: OutputEntry['method'] | 'notice';
  stream: OutputEntry['stream'];
}

/** The transcript's lines (after the last `console.clear()`), the dropped-lines notice in place. */
export function outputLines(
  entries: readonly OutputEntry[],
  dropped: number,
  headCount: number,
): OutputLine[] {
  const lastClear = entries.findLastIndex((entry) => entry.method === 'clear');
  const shown = entries.slice(lastClear + 1);
  const lines: OutputLine[] = [];
  const notice = (): void => {
    lines.push({
      line: lines.length + 1,
      text: droppedNotice(dropped),
      method: 'notice',
      stream: 'stdout',
    });
  };
  shown.forEach((entry, index) => {
    if (dropped > 0 && index === headCount) notice();
    entry.data[0].split('\n').forEach((text, part) => {
      lines.push({
        line: lines.length + 1,
        text,
        method: entry.method,
        stream: entry.stream,
        ...(part === 0 && entry.source !== 'main' ? { source: entry.source } : {}),
      });
    });
  });
  if (dropped > 0 && shown.length <= headCount) notice();
  return lines;
}

export type Verdict =
  { kind: 'match' } | { kind: 'differs'; line: number; expected: string; actual: string };

/**
 * Compares a finished run's lines with the expected output. A stopped run
 * may print more than the expected lines (programs that run until stopped);
 * one stopped before it printed them all gets no verdict. Nothing for a run
 * still going.
 */
export function verdictOf(
  expected: string,
  lines: readonly OutputLine[],
  state: ViewState,
): Verdict | undefined {
  if (state !== 'done' && state !== 'error' && state !== 'stopped') return undefined;
  const mismatch = findMismatch(
    parseExpected(expected),
    lines.map((line) => line.text).join('\n'),
    { prefix: state === 'stopped' },
  );
  if (!mismatch) return { kind: 'match' };
  if (state === 'stopped' && mismatch.actual === '(end of output)') return undefined;
  return { kind: 'differs', ...mismatch };
}

/** The verdict's mark, drawn (a ✓ or ✗ character is text that contrast checkers cannot judge). */
export function verdictMark(verdict: Verdict): string {
  const path = verdict.kind === 'match' ? 'M3 8.5l3 3 7-7' : 'M4 4l8 8M12 4l-8 8';
  return `<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><path d="${path}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}

export function verdictText(verdict: Verdict | undefined): string {
  if (!verdict) return '';
  return verdict.kind === 'match'
    ? 'Matches the expected output'
    : `Line ${verdict.line} differs from the expected output`;
}

export function formatElapsed(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function statusText(state: ViewState, elapsed: number): string {
  switch (state) {
    case 'idle':
      return 'Press Run to compare with the expected output';
    case 'loading':
      return 'Starting…';
    case 'running':
      return `Running ${formatElapsed(elapsed)}`;
    case 'done':
      return `Finished in ${formatElapsed(elapsed)}`;
    case 'error':
      return 'Stopped by an error';
    case 'stopped':
      return `Stopped after ${formatElapsed(elapsed)}`;
  }
}

/** The output panel's tabs, in order. */
export type OutputTab = 'output' | 'expected' | 'types' | 'python' | 'node';

/** The location a runtime or compile error names in its first `file.ts:line:column`. */
export function errorLocation(text: string): { path: string; line: number } | undefined {
  const match = /(?:^|[\s(/])([\w.-]+\.[cm]?[jt]sx?):(\d+)(?::\d+)?/m.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { path: `/${match[1]}`, line: Number(match[2]) };
}
