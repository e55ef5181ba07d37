/**
 * The stepper's words: job and task labels, step notes and the sentences a
 * recording ends with. Kept apart from the engine adapter so the wording can
 * be read (and changed) in one place and tested without an engine.
 */
import { STEP_LIMIT } from '../protocol';

/** Fixed start of virtual time, see engine.ts (`Date` of a recording). */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

export const limitMessages = {
  steps: (limit: number = STEP_LIMIT): string =>
    `This program is too long to step through (more than ${limit} steps); run it normally.`,
  time: (ms: number): string =>
    `This program takes too long to step through (more than ${ms / 1000} s to record); run it normally.`,
  busy: (nodes: number): string =>
    `This program runs too long without reaching a new step (more than ${nodes.toLocaleString('en-US')} operations, a busy loop?); run it normally.`,
  timers: (count: number): string =>
    `This program runs too many timer tasks to step through (more than ${count}); run it normally.`,
  virtualTime: (ms: number): string =>
    `This program keeps timers going for more than ${ms / 1000} s of virtual time; run it normally to see the rest.`,
};

export function unsupportedMessage(api: string): string {
  return `The stepper does not provide \`${api}\`: run this program normally to use it.`;
}

/** "line 12, in main" / "line 3, at top level" (the file is named when it is not the entry). */
export function placeText(
  line: number,
  frame: string | undefined,
  file: string | undefined,
): string {
  const where = file ? `line ${line} of ${file}` : `line ${line}`;
  return frame === undefined ? `${where}, at top level` : `${where}, in ${frame}`;
}

export function taskLabel(
  kind: 'setTimeout' | 'setInterval',
  delay: number,
  line: number | undefined,
  tick: number,
): string {
  const what =
    kind === 'setInterval' ? `setInterval ${delay} ms, tick ${tick}` : `setTimeout ${delay} ms`;
  return line === undefined ? what : `${what} (line ${line})`;
}

/** The first line of printed text, short enough to be announced. */
export function printedText(text: string): string {
  const first = text.split('\n', 1)[0] ?? '';
  const short = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return first === text ? short : `${short} …`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
