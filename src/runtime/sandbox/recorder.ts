/**
 * What one context's thread did during a run, as `TraceEvent`s for the
 * timeline: when it ran JavaScript (busy slices), what it had in flight
 * (timers, interval periods, fetches, workers), and the user messages it
 * exchanged.
 *
 * Busy slices. Nothing announces when a task's microtasks are done, so a
 * slice opens when a task enters one of the runtime's wrappers (module
 * evaluation, a timer or interval callback, a message handler, a settled
 * fetch) and posts a message to a private channel: its handler runs as a
 * later task, after the microtask checkpoint, and closes the slice. A
 * recorded task that starts before that checkpoint ran closes the open slice
 * where the previous callback returned, when that is known, so a starved
 * checkpoint never stretches a slice over idle time.
 *
 * Events wait in a buffer and go up in batches (the context's outbox): when
 * it is full, a short while after the first one, before every activity
 * snapshot, with a message to the parent (see `stageSend`), and on close.
 * Each context keeps at most `limit` events and counts the rest. A parent
 * sends its children's batches up with its own (`adopt`).
 */
import {
  TRACE_LIMIT,
  type SandboxToHost,
  type TraceEvent,
  type TraceOutcome,
  type TraceSpanKind,
} from '../protocol';

export type TraceBatch = Extract<SandboxToHost, { kind: 'trace' }>;
type BusyEvent = Extract<TraceEvent, { type: 'busy' }>;

/** A buffer this full goes up at once. */
export const TRACE_BATCH = 256;
/** Longest an event waits in the buffer, so a long program's trace arrives while it runs. */
export const TRACE_FLUSH_MS = 50;
/** Longest label kept: a `data:` URL handed to fetch can be megabytes. */
const LABEL_LIMIT = 120;

export interface RecorderDeps {
  /** This context's id ("0", "0.1"). */
  context: string;
  /** Milliseconds since the run started. */
  now(): number;
  /** Posts to the private channel whose handler calls `checkpoint()`. */
  postCheckpoint(): void;
  /** Runs `task` after `ms` on a timer user code cannot see. */
  defer(task: () => void, ms: number): void;
  send(batch: TraceBatch): void;
  /** Events this context keeps at most (default `TRACE_LIMIT`). */
  limit?: number;
}

interface TimerSpan {
  kind: 'timer' | 'interval';
  label: string;
  /** The period in flight; 0 while an interval's callback runs. */
  span: number;
  /** When the interval last fired: its next period starts there. */
  firedAt: number;
}

interface StagedSend {
  length: number;
  kept: number;
  dropped: number;
  at: number;
}

export class Recorder {
  private buffer: TraceEvent[] = [];
  private kept = 0;
  /** Dropped since the last batch. */
  private dropped = 0;
  private spans = 0;
  private readonly limit: number;
  private readonly timers = new Map<unknown, TimerSpan>();
  private sliceStart: number | undefined;
  private sliceLabel = '';
  /** When the open slice's callback returned, if it did and that is known. */
  private returnedAt: number | undefined;
  /** The open slice is the rest of one cut at a message: nothing is lost if it is empty. */
  private continued = false;
  private checkpointPending = false;
  private flushArmed = false;
  private staged: StagedSend | undefined;

  constructor(private readonly deps: RecorderDeps) {
    this.limit = deps.limit ?? TRACE_LIMIT;
  }

  /** The context's lane exists from now. */
  started(label: string): void {
    this.push({ type: 'context', context: this.deps.context, label, at: this.deps.now() });
  }

  /** A task starts running JavaScript; returns the time. */
  enter(label: string): number {
    const at = this.deps.now();
    if (this.sliceStart !== undefined) this.closeSlice(this.returnedAt ?? at);
    this.sliceStart = at;
    this.sliceLabel = label;
    this.returnedAt = undefined;
    this.continued = false;
    if (!this.checkpointPending) {
      this.checkpointPending = true;
      this.deps.postCheckpoint();
    }
    return at;
  }

  /** The task's callback returned; its microtasks may still run. */
  leave(): void {
    if (this.sliceStart !== undefined) this.returnedAt = this.deps.now();
  }

  /** The private channel's message: the task and its microtasks are over. */
  checkpoint(): void {
    this.checkpointPending = false;
    if (this.sliceStart !== undefined) this.closeSlice(this.deps.now());
  }

  /** Something goes in flight; returns its span for `end`. */
  begin(kind: TraceSpanKind, label: string, child?: string, at = this.deps.now()): number {
    this.spans += 1;
    const span = this.spans;
    const context = this.deps.context;
    this.push(
      child === undefined
        ? { type: 'begin', context, span, kind, at, label }
        : { type: 'begin', context, span, kind, at, label, child },
    );
    return span;
  }

  end(span: number, outcome: TraceOutcome, at = this.deps.now()): void {
    this.push({ type: 'end', context: this.deps.context, span, at, outcome });
  }

  /** A timeout (kind `timer`) or interval with this id was scheduled. */
  scheduled(id: number, kind: 'timer' | 'interval', label: string): void {
    const span = this.begin(kind, label);
    this.timers.set(id, { kind, label, span, firedAt: 0 });
  }

  /** Its callback is about to run: the period ends, a busy slice opens. */
  fired(id: number): void {
    const timer = this.timers.get(id);
    const at = this.enter(timer?.label ?? 'timer');
    if (!timer) return;
    this.end(timer.span, 'fired', at);
    if (timer.kind === 'timer') {
      this.timers.delete(id);
    } else {
      timer.span = 0;
      timer.firedAt = at;
    }
  }

  /**
   * Its callback returned. An interval's next period started when it fired,
   * but is recorded only now: a callback that clears its own interval leaves
   * no empty period behind.
   */
  returned(id: number): void {
    this.leave();
    const timer = this.timers.get(id);
    if (timer?.span === 0)
      timer.span = this.begin('interval', timer.label, undefined, timer.firedAt);
  }

  /** `clearTimeout` / `clearInterval` (either clears both kinds). */
  cleared(id: unknown): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    this.timers.delete(id);
    if (timer.span !== 0) this.end(timer.span, 'cleared');
  }

  /** A fetch settled: its span ends and the code awaiting it runs. */
  settled(span: number, outcome: 'settled' | 'failed', label: string): void {
    this.end(span, outcome, this.enter(label));
  }

  /** The `n`-th user message to context `to` was posted. */
  sent(to: string, n: number): void {
    this.push({ type: 'send', context: this.deps.context, to, n, at: this.deps.now() });
  }

  /** The `n`-th user message from context `from` reaches its handlers now. */
  received(from: string, n: number, label: string): void {
    const at = this.enter(label);
    this.push({ type: 'receive', context: this.deps.context, from, n, at });
  }

  /**
   * The trace so far, to ride on the `n`-th user message to the parent: the
   * parent may end this context as soon as it reads the message, and what
   * was still buffered would be lost. The open slice is cut at the send.
   * Nothing is settled until `commitSend` (the message went) or `abortSend`
   * (it could not be cloned).
   */
  stageSend(to: string, n: number): TraceBatch {
    const at = this.deps.now();
    this.staged = { length: this.buffer.length, kept: this.kept, dropped: this.dropped, at };
    if (this.sliceStart !== undefined && !this.isEmptyRest(at)) this.add(this.slice(at));
    this.add({ type: 'send', context: this.deps.context, to, n, at });
    return { kind: 'trace', events: this.buffer, dropped: this.dropped };
  }

  commitSend(): void {
    const staged = this.staged;
    if (!staged) return;
    this.staged = undefined;
    this.continueFrom(staged.at);
    this.buffer = [];
    this.dropped = 0;
  }

  abortSend(): void {
    const staged = this.staged;
    if (!staged) return;
    this.staged = undefined;
    this.buffer.length = staged.length;
    this.kept = staged.kept;
    this.dropped = staged.dropped;
  }

  /**
   * A descendant's batch, relayed: it goes up with this context's own
   * events rather than as a message of its own. The descendant applied its
   * own cap; the host applies the run's.
   */
  adopt(batch: { events: readonly TraceEvent[]; dropped: number }): void {
    for (const event of batch.events) this.buffer.push(event);
    this.dropped += batch.dropped;
    this.scheduleFlush();
  }

  /** Sends the buffered events (and the count of dropped ones), if any. */
  flush(): void {
    if (this.buffer.length === 0 && this.dropped === 0) return;
    const batch: TraceBatch = { kind: 'trace', events: this.buffer, dropped: this.dropped };
    this.buffer = [];
    this.dropped = 0;
    this.deps.send(batch);
  }

  /**
   * Sends everything at once, the open slice up to now included (the rest
   * follows later): the parent may end this context on what comes next.
   */
  flushAll(): void {
    const at = this.deps.now();
    if (this.sliceStart !== undefined && !this.isEmptyRest(at)) this.add(this.slice(at));
    this.continueFrom(at);
    this.flush();
  }

  /** The context ends within this task: the open slice ends now, and everything goes up. */
  finish(): void {
    if (this.sliceStart !== undefined) this.closeSlice(this.deps.now());
    this.flush();
  }

  private slice(end: number): BusyEvent {
    const start = this.sliceStart ?? end;
    return {
      type: 'busy',
      context: this.deps.context,
      start,
      end: Math.max(start, end),
      label: this.sliceLabel,
    };
  }

  /** The open slice was sent up to `at`; what follows is its rest. */
  private continueFrom(at: number): void {
    if (this.sliceStart === undefined) return;
    this.sliceStart = at;
    this.continued = true;
    // Already returned: its microtasks ran at least until `at`.
    if (this.returnedAt !== undefined) this.returnedAt = at;
  }

  /** The rest of a slice cut at a message, if it ran no further. */
  private isEmptyRest(end: number): boolean {
    return this.continued && end <= (this.sliceStart ?? end);
  }

  private closeSlice(end: number): void {
    const empty = this.isEmptyRest(end);
    const event = this.slice(end);
    this.sliceStart = undefined;
    this.returnedAt = undefined;
    this.continued = false;
    if (!empty) this.push(event);
  }

  private readonly onFlushTimer = (): void => {
    this.flushArmed = false;
    this.flush();
  };

  /** Keeps `event` if the cap allows, without sending anything. */
  private add(event: TraceEvent): void {
    if (this.kept >= this.limit) {
      this.dropped += 1;
      return;
    }
    this.kept += 1;
    this.buffer.push(event);
  }

  private push(event: TraceEvent): void {
    this.add(event);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.buffer.length >= TRACE_BATCH) {
      this.flush();
    } else if (!this.flushArmed) {
      this.flushArmed = true;
      this.deps.defer(this.onFlushTimer, TRACE_FLUSH_MS);
    }
  }
}

/** A context's short name, as its lane and output call it: "main", "worker 1", "worker 1.2". */
export function contextName(id: string): string {
  const ordinal = id.split('.').slice(1).join('.');
  return ordinal ? `worker ${ordinal}` : 'main';
}

/** The label of a timer, e.g. "setTimeout 1000 ms", without calling user code. */
export function timerLabel(kind: 'timer' | 'interval', delay: unknown): string {
  const ms = typeof delay === 'number' || typeof delay === 'string' ? Number(delay) : 0;
  return `${kind === 'timer' ? 'setTimeout' : 'setInterval'} ${ms > 0 ? ms : 0} ms`;
}

/** The label of a fetch: its URL, shortened, without calling user code. */
export function fetchLabel(input: unknown): string {
  let url = 'request';
  try {
    if (typeof input === 'string') url = input;
    else if (input instanceof URL) url = input.href;
    else if (input instanceof Request) url = input.url;
  } catch {
    // A proxy whose traps throw: the native fetch reports that.
  }
  return `fetch ${url.length > LABEL_LIMIT ? `${url.slice(0, LABEL_LIMIT - 1)}…` : url}`;
}
