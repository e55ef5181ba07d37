/**
 * Virtual timers for the stepper: the Go playground's fake time, for JS.
 * Time moves only when nothing else can run (the microtask queue is empty):
 * the driver then jumps the clock to the earliest timer. CPU work takes no
 * virtual time, so `await sleep(1000)` five times reads exactly 5000 ms and
 * a recording takes milliseconds of real time.
 *
 * Timers follow HTML's timer initialisation steps (not Node's, which turns
 * a 0 ms delay into 1 ms): a delay that is not a positive number is 0; a
 * timer created by a timer task nested more than 5 levels deep waits at
 * least 4 ms; timers run by due time, then by creation order.
 */

/** HTML: "If nesting level is greater than 5, and timeout is less than 4, then set timeout to 4." */
export const NESTING_CLAMP_LEVEL = 5;
export const NESTING_CLAMP_MS = 4;

export interface Timer<Callback> {
  /** The handle `setTimeout` returned (shared by every period of an interval). */
  handle: number;
  kind: 'setTimeout' | 'setInterval';
  /** The delay asked for, after clamping negatives and NaN to 0 (before the nesting clamp). */
  delay: number;
  /** Virtual ms at which it was scheduled (this period, for an interval). */
  scheduled: number;
  /** Virtual ms at which it runs. */
  due: number;
  /** Tie-breaker for equal due times: the order in which periods were scheduled. */
  sequence: number;
  /** HTML's timer nesting level of the task this period runs as. */
  nesting: number;
  /** 1 for a timeout and an interval's first period. */
  tick: number;
  callback: Callback;
}

/** The delay HTML uses for `setTimeout(f, value)`: non-numbers and negatives are 0. */
export function normaliseDelay(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export class VirtualTimers<Callback> {
  /** Virtual ms since the run started. */
  now = 0;
  private readonly pending = new Map<number, Timer<Callback>>();
  private nextHandle = 1;
  private nextSequence = 0;
  /** The timer period running now, if a timer task is running. */
  private running: Timer<Callback> | undefined;
  /** Handles cleared while their own callback runs (an interval that stops itself). */
  private readonly cleared = new Set<number>();

  /** Schedules a timer from the code running now; returns its handle. */
  add(kind: Timer<Callback>['kind'], delay: number, callback: Callback): Timer<Callback> {
    const handle = this.nextHandle++;
    return this.schedule(handle, kind, normaliseDelay(delay), callback, 1);
  }

  private schedule(
    handle: number,
    kind: Timer<Callback>['kind'],
    delay: number,
    callback: Callback,
    tick: number,
  ): Timer<Callback> {
    // HTML: the nesting level is the running timer task's, or 0 outside one.
    const level = this.running?.nesting ?? 0;
    const wait = level > NESTING_CLAMP_LEVEL && delay < NESTING_CLAMP_MS ? NESTING_CLAMP_MS : delay;
    const timer: Timer<Callback> = {
      handle,
      kind,
      delay,
      scheduled: this.now,
      due: this.now + wait,
      sequence: this.nextSequence++,
      nesting: level + 1,
      tick,
      callback,
    };
    this.pending.set(handle, timer);
    return timer;
  }

  /** `clearTimeout`/`clearInterval` (HTML: one pool of handles for both). */
  clear(handle: number): Timer<Callback> | undefined {
    const timer = this.pending.get(handle);
    this.pending.delete(handle);
    if (this.running?.handle === handle) this.cleared.add(handle);
    return timer;
  }

  /** Pending timers in the order they will run. */
  order(): Timer<Callback>[] {
    return [...this.pending.values()].sort((a, b) => a.due - b.due || a.sequence - b.sequence);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Takes the earliest timer off the list and moves the clock to its due time. */
  take(): Timer<Callback> | undefined {
    const [next] = this.order();
    if (!next) return undefined;
    this.pending.delete(next.handle);
    this.now = Math.max(this.now, next.due);
    this.running = next;
    return next;
  }

  /**
   * Ends the running timer task. An interval that was not cleared by its
   * own callback is scheduled again (its nesting level grows, as in HTML);
   * returns that next period.
   */
  finish(): Timer<Callback> | undefined {
    const timer = this.running;
    if (!timer) return undefined;
    let next: Timer<Callback> | undefined;
    if (timer.kind === 'setInterval' && !this.cleared.has(timer.handle)) {
      next = this.schedule(timer.handle, timer.kind, timer.delay, timer.callback, timer.tick + 1);
    }
    this.cleared.delete(timer.handle);
    this.running = undefined;
    return next;
  }
}
