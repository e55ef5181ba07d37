/**
 * What a context still has to do — timers, fetches, messages exchanged with
 * its parent and children — reported on each probe so the host can tell,
 * as Node does before exiting, that nothing is left. With a recorder, the
 * same wrappers note timers and fetches in the trace (recorder.ts).
 */
import type { ActivitySnapshot } from '../protocol';
import { fetchLabel, timerLabel, type Recorder } from './recorder';

/** The DOM's timer signatures (numeric ids), not Node's, which the project's types also know. */
export type Timers = Pick<
  WindowOrWorkerGlobalScope,
  'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'
>;

export interface ChildCounts {
  sent: number;
  received: number;
}

export class Activity {
  readonly timers = new Set<number>();
  pending = 0;
  sentToParent = 0;
  receivedFromParent = 0;
  loaded = false;

  constructor(
    private readonly contextId: string,
    private readonly children: () => Iterable<[string, ChildCounts]>,
  ) {}

  snapshot(round: number): ActivitySnapshot {
    const sentTo: Record<string, number> = {};
    const receivedFrom: Record<string, number> = {};
    const ids: string[] = [];
    for (const [id, child] of this.children()) {
      sentTo[id] = child.sent;
      receivedFrom[id] = child.received;
      ids.push(id);
    }
    return {
      contextId: this.contextId,
      round,
      timers: this.timers.size,
      pending: this.pending,
      sentTo,
      receivedFrom,
      sentToParent: this.sentToParent,
      receivedFromParent: this.receivedFromParent,
      children: ids,
      loaded: this.loaded,
    };
  }

  /**
   * Timer functions that keep count of what is pending, built on `native`;
   * with a recorder, each timer is also traced from scheduling to firing.
   */
  timerFunctions(native: Timers, recorder?: Recorder): Timers {
    const timers = this.timers;
    const create = (kind: 'timer' | 'interval') =>
      ((handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
        if (typeof handler !== 'function') {
          throw new TypeError(
            'setTimeout/setInterval with a string is not supported in the sandbox',
          );
        }
        const callback = handler as (this: unknown, ...a: unknown[]) => void;
        let id = 0;
        const run = (): void => {
          if (kind === 'timer') timers.delete(id);
          recorder?.fired(id);
          try {
            // As the native timers call it: an interval with `this` the global, a timeout without.
            if (kind === 'timer') callback(...args);
            else callback.apply(globalThis, args);
          } finally {
            recorder?.returned(id);
          }
        };
        id = kind === 'timer' ? native.setTimeout(run, timeout) : native.setInterval(run, timeout);
        timers.add(id);
        recorder?.scheduled(id, kind, timerLabel(kind, timeout));
        return id;
      }) as Timers['setTimeout'];
    const clear = (cancel: (id?: number) => void) => (id?: number) => {
      if (id !== undefined) {
        timers.delete(id);
        recorder?.cleared(id);
      }
      cancel(id);
    };
    return {
      setTimeout: create('timer'),
      setInterval: create('interval'),
      clearTimeout: clear((id) => {
        native.clearTimeout(id);
      }),
      clearInterval: clear((id) => {
        native.clearInterval(id);
      }),
    };
  }

  /** `fetch` that counts as pending work until it settles; traced with a recorder. */
  trackedFetch(native: typeof fetch, recorder?: Recorder): typeof fetch {
    if (recorder) {
      return async (...args: Parameters<typeof fetch>) => {
        this.pending++;
        const label = fetchLabel(args[0]);
        const span = recorder.begin('fetch', label);
        try {
          const response = await native(...args);
          recorder.settled(span, 'settled', label);
          return response;
        } catch (error) {
          recorder.settled(span, 'failed', label);
          throw error;
        } finally {
          this.pending--;
        }
      };
    }
    return async (...args: Parameters<typeof fetch>) => {
      this.pending++;
      try {
        return await native(...args);
      } finally {
        this.pending--;
      }
    };
  }
}
