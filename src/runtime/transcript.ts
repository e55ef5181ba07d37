/**
 * Output of a run, bounded, and its plain-text transcript: what Node would
 * print to a terminal for the same program (stdout and stderr interleaved).
 */
import { OUTPUT_HEAD_LIMIT, OUTPUT_TAIL_LIMIT, type OutputEntry } from './protocol';

/**
 * Keeps the first `head` entries and the last `tail` ones. A program printing
 * 100 000 lines must not make the page hold (or render) 100 000 rows.
 */
export class OutputLimiter {
  readonly head: OutputEntry[] = [];
  private tail: OutputEntry[] = [];
  dropped = 0;

  constructor(
    private readonly headLimit = OUTPUT_HEAD_LIMIT,
    private readonly tailLimit = OUTPUT_TAIL_LIMIT,
  ) {}

  /** Adds entries; returns the ones that went into the head (safe to show at once). */
  push(entries: readonly OutputEntry[]): OutputEntry[] {
    const accepted: OutputEntry[] = [];
    for (const entry of entries) {
      if (entry.method === 'clear') {
        // A terminal forgets what was cleared; so does the transcript.
        this.head.length = 0;
        this.tail = [];
        this.dropped = 0;
        accepted.push(entry);
      } else if (this.head.length < this.headLimit) {
        this.head.push(entry);
        accepted.push(entry);
      } else {
        this.tail.push(entry);
        if (this.tail.length > this.tailLimit * 2) this.trimTail();
      }
    }
    return accepted;
  }

  private trimTail(): void {
    const excess = this.tail.length - this.tailLimit;
    if (excess > 0) {
      this.dropped += excess;
      this.tail = this.tail.slice(excess);
    }
  }

  /** The tail kept at the end of a run. */
  takeTail(): OutputEntry[] {
    this.trimTail();
    const tail = this.tail;
    this.tail = [];
    return tail;
  }
}

export function droppedNotice(count: number): string {
  return `… ${count.toLocaleString('en-US')} more line${count === 1 ? '' : 's'} not shown …`;
}

/** The plain-text transcript of a list of entries (after the last `console.clear()`). */
export function transcriptOf(
  entries: readonly Pick<OutputEntry, 'method' | 'data'>[],
  dropped = 0,
  headCount = Infinity,
): string {
  let start = 0;
  entries.forEach((entry, index) => {
    if (entry.method === 'clear') start = index + 1;
  });
  const lines = entries.slice(start).map((entry) => entry.data[0]);
  if (dropped > 0 && headCount < lines.length) lines.splice(headCount, 0, droppedNotice(dropped));
  else if (dropped > 0) lines.push(droppedNotice(dropped));
  return lines.join('\n');
}
