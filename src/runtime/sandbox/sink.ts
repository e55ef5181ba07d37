/**
 * Where the sandbox console's lines go: each becomes an `OutputEntry`. Lines
 * that show promise states wait a microtask for them (see PromiseInspector),
 * and the lines after them wait too, so order is kept.
 */
import type { OutputEntry } from '../protocol';
import type { ConsoleLine } from './console';
import type { Outbox } from './outbox';

const FLUSH_BATCH = 500;
const BURST_WINDOW_MS = 50;
const BURST_LINES = 100;

export interface SinkContext {
  contextId: string;
  label: string;
  runStartedAt: number;
}

export interface SinkDeps {
  outbox: Outbox;
  inspector: { hasPlaceholders(text: string): boolean; finish(text: string): string };
  /** Milliseconds since the run started. */
  now(): number;
  /** A monotonic clock for the burst window. */
  clock(): number;
  microtask(task: () => void): void;
}

export class ConsoleSink {
  private readonly waiting: { entry: OutputEntry; done: boolean }[] = [];
  private sequence = 0;
  private windowStart = -Infinity;
  private sentInWindow = 0;

  constructor(
    private readonly context: SinkContext,
    private readonly deps: SinkDeps,
  ) {}

  readonly write = (line: ConsoleLine): void => {
    const { outbox, inspector } = this.deps;
    const entry: OutputEntry = {
      method: line.method,
      id: `${this.context.contextId}:${this.context.runStartedAt}:${this.sequence++}`,
      data: [line.text],
      stream: line.stream,
      source: this.context.label,
      at: this.deps.now(),
    };
    const complete = !inspector.hasPlaceholders(line.text);
    if (complete && this.waiting.length === 0) {
      outbox.write(entry);
      this.pace();
      return;
    }
    const record = { entry, done: complete };
    this.waiting.push(record);
    if (complete) return;
    outbox.hold();
    this.deps.microtask(() => {
      record.entry.data = [inspector.finish(record.entry.data[0])];
      record.done = true;
      while (this.waiting[0]?.done) {
        const next = this.waiting.shift();
        if (next) outbox.write(next.entry);
      }
      outbox.release();
    });
  };

  /**
   * A few lines go out at once, so output printed just before a busy loop is
   * not stuck here until Stop; a flood is sent in batches instead.
   */
  private pace(): void {
    const { outbox } = this.deps;
    const time = this.deps.clock();
    if (time - this.windowStart > BURST_WINDOW_MS) {
      this.windowStart = time;
      this.sentInWindow = 0;
    }
    if (this.sentInWindow < BURST_LINES || outbox.unsent >= FLUSH_BATCH) {
      this.sentInWindow += outbox.unsent;
      outbox.flush();
    } else outbox.schedule();
  }
}
