/**
 * What a live sandbox shows and asks of its runtime, as a pure function of
 * what happened: reader actions (run, stop, reload), runtime messages
 * (ready, console, trace, run-state, pong) and the clock (tick, heartbeat). The
 * editor renders `Machine` and performs the `Effect`s; nothing here touches
 * the DOM, Sandpack or time.
 */
import type { OutputEntry, RunState, RuntimeEvent, TraceEvent } from '../../../runtime/protocol';

export type SandboxState = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'stopped';

export const SANDBOX_STATES: readonly SandboxState[] = [
  'idle',
  'loading',
  'running',
  'done',
  'error',
  'stopped',
];

/**
 * `cold`: no runtime frame yet; `starting`: it is loading; `ready`: it has
 * answered; `unresponsive`: a ping has gone unanswered for `PING_TIMEOUT`;
 * `failed`: it could not start.
 */
export type RuntimeHealth = 'cold' | 'starting' | 'ready' | 'unresponsive' | 'failed';

export const RUNTIME_HEALTHS: readonly RuntimeHealth[] = [
  'cold',
  'starting',
  'ready',
  'unresponsive',
  'failed',
];

/** How often a visible sandbox pings its runtime, and how long an answer may take. */
export const PING_INTERVAL = 1_000;
export const PING_TIMEOUT = 5_000;

export interface Machine {
  state: SandboxState;
  /** Output of the run on screen. */
  entries: readonly OutputEntry[];
  /** Entries the runtime dropped from the run on screen. */
  dropped: number;
  /** What the run on screen recorded, in arrival order (see `TraceEvent`). */
  trace: readonly TraceEvent[];
  /** Trace events the runtime dropped from the run on screen. */
  traceDropped: number;
  /** Wall time of the run on screen, in ms. */
  elapsed: number;
  /** When Run was pressed (the clock of `tick`), for the elapsed time while busy. */
  startedAt: number;
  /** The runtime's id of the run on screen; 0 before the first. */
  shownRun: number;
  /** Run was pressed and the runtime has not reported a newer run yet. */
  awaiting: boolean;
  /** Run was pressed before the runtime was ready: it is sent when it is. */
  pendingRun: boolean;
  runtime: RuntimeHealth;
  /** Id of the last ping sent. */
  pingId: number;
  /** When the oldest ping not followed by any pong was sent. */
  unansweredSince: number | undefined;
  /** The run on screen ended in a failure of the runtime itself. */
  internalFailure: boolean;
}

export type MachineEvent =
  /** The reader pressed Run (or the page asked for a run on load). */
  | { type: 'run'; now: number }
  | { type: 'stop' }
  /** The reader looks at the sandbox or reaches for it: have a runtime ready. */
  | { type: 'warm-up' }
  /** The runtime page answered (Sandpack's `done`). */
  | { type: 'runtime-ready' }
  /** The runtime frame could not be loaded or never answered. */
  | { type: 'runtime-failed' }
  | { type: 'console'; runId: number; log: readonly OutputEntry[] }
  /** New trace events of a run; `dropped` is the run's total so far. */
  | { type: 'trace'; runId: number; events: readonly TraceEvent[]; dropped: number }
  | {
      type: 'run-state';
      runId: number;
      state: RunState;
      elapsed: number;
      dropped: number;
      /** The runtime failed, not the program. */
      internal: boolean;
    }
  /** The clock while a run is busy. */
  | { type: 'tick'; now: number }
  /** The watchdog's clock, only while the sandbox is visible. */
  | { type: 'heartbeat'; now: number }
  | { type: 'pong'; id: number }
  /** The sandbox left the view (or the page was hidden): the watchdog pauses. */
  | { type: 'hidden' }
  /** Reload sandbox: a new runtime frame, the same files. */
  | { type: 'reload' };

export type Effect =
  | { type: 'start-runtime' }
  | { type: 'send-run' }
  | { type: 'send-stop' }
  | { type: 'send-ping'; id: number }
  | { type: 'reload-runtime' };

export function initialMachine(): Machine {
  return {
    state: 'idle',
    entries: [],
    dropped: 0,
    trace: [],
    traceDropped: 0,
    elapsed: 0,
    startedAt: 0,
    shownRun: 0,
    awaiting: false,
    pendingRun: false,
    runtime: 'cold',
    pingId: 0,
    unansweredSince: undefined,
    internalFailure: false,
  };
}

export function isBusy(machine: Machine): boolean {
  return machine.state === 'loading' || machine.state === 'running';
}

function alive(runtime: RuntimeHealth): boolean {
  return runtime === 'ready' || runtime === 'unresponsive';
}

/**
 * The machine's event for a runtime message, when it has one: output, trace,
 * a run's state, a pong, and `done` (the runtime answered its first compile).
 */
export function machineEventOf(message: RuntimeEvent): MachineEvent | undefined {
  switch (message.type) {
    case 'done':
      return { type: 'runtime-ready' };
    case 'console':
      return { type: 'console', runId: message.runId, log: message.log };
    case 'sandbox/trace':
      return {
        type: 'trace',
        runId: message.runId,
        events: message.events,
        dropped: message.dropped,
      };
    case 'sandbox/pong':
      return { type: 'pong', id: message.id };
    case 'sandbox/run-state':
      return {
        type: 'run-state',
        runId: message.runId,
        state: message.state,
        elapsed: message.elapsed,
        dropped: message.dropped,
        internal: message.internal === true,
      };
    default:
      return undefined;
  }
}

/** The next machine and what to do, for one event. Never throws. */
export function step(machine: Machine, event: MachineEvent): [Machine, Effect[]] {
  switch (event.type) {
    case 'run': {
      const next: Machine = {
        ...machine,
        state: 'loading',
        entries: [],
        dropped: 0,
        trace: [],
        traceDropped: 0,
        elapsed: 0,
        startedAt: event.now,
        awaiting: true,
        internalFailure: false,
      };
      // An unresponsive runtime still gets the run: it may only be slow.
      if (alive(machine.runtime)) return [{ ...next, pendingRun: false }, [{ type: 'send-run' }]];
      if (machine.runtime === 'starting') return [{ ...next, pendingRun: true }, []];
      return [{ ...next, pendingRun: true, runtime: 'starting' }, [{ type: 'start-runtime' }]];
    }
    case 'stop':
      if (!isBusy(machine)) return [machine, []];
      if (machine.pendingRun) {
        // Never sent: nothing to stop but the wait.
        return [{ ...machine, pendingRun: false, awaiting: false, state: 'stopped' }, []];
      }
      return [machine, [{ type: 'send-stop' }]];
    case 'warm-up':
      if (machine.runtime !== 'cold') return [machine, []];
      return [{ ...machine, runtime: 'starting' }, [{ type: 'start-runtime' }]];
    case 'runtime-ready': {
      const next: Machine = { ...machine, runtime: 'ready', unansweredSince: undefined };
      if (!machine.pendingRun) return [next, []];
      return [{ ...next, pendingRun: false }, [{ type: 'send-run' }]];
    }
    case 'runtime-failed': {
      const next: Machine = { ...machine, runtime: 'failed', unansweredSince: undefined };
      if (!machine.pendingRun) return [next, []];
      return [{ ...next, pendingRun: false, awaiting: false, state: 'error' }, []];
    }
    case 'console': {
      if (event.runId < machine.shownRun) return [machine, []];
      if (event.runId === machine.shownRun) {
        // Output of the run that was on screen before Run was pressed again.
        if (machine.awaiting) return [machine, []];
        return [{ ...machine, entries: [...machine.entries, ...event.log] }, []];
      }
      // The runtime's newest run, reported here before its run-state.
      return [
        {
          ...machine,
          shownRun: event.runId,
          awaiting: false,
          state: isBusy(machine) ? 'running' : machine.state,
          entries: [...event.log],
          dropped: 0,
          trace: [],
          traceDropped: 0,
        },
        [],
      ];
    }
    case 'trace': {
      if (event.runId < machine.shownRun) return [machine, []];
      if (event.runId === machine.shownRun) {
        // The trace of the run that was on screen before Run was pressed again.
        if (machine.awaiting) return [machine, []];
        return [
          {
            ...machine,
            trace: [...machine.trace, ...event.events],
            traceDropped: event.dropped,
          },
          [],
        ];
      }
      // The runtime's newest run, reported here before its run-state.
      return [
        {
          ...machine,
          shownRun: event.runId,
          awaiting: false,
          state: isBusy(machine) ? 'running' : machine.state,
          entries: [],
          dropped: 0,
          trace: [...event.events],
          traceDropped: event.dropped,
        },
        [],
      ];
    }
    case 'run-state': {
      if (event.runId < machine.shownRun) return [machine, []];
      if (machine.awaiting && event.runId === machine.shownRun) return [machine, []];
      const newer = event.runId > machine.shownRun;
      return [
        {
          ...machine,
          shownRun: event.runId,
          awaiting: false,
          state: event.state,
          entries: newer ? [] : machine.entries,
          dropped: event.dropped,
          trace: newer ? [] : machine.trace,
          traceDropped: newer ? 0 : machine.traceDropped,
          elapsed: event.state === 'running' ? machine.elapsed : event.elapsed,
          internalFailure: event.state === 'error' && event.internal,
        },
        [],
      ];
    }
    case 'tick':
      if (!isBusy(machine)) return [machine, []];
      return [{ ...machine, elapsed: Math.max(0, event.now - machine.startedAt) }, []];
    case 'heartbeat': {
      if (!alive(machine.runtime)) return [machine, []];
      const since = machine.unansweredSince ?? event.now;
      const pingId = machine.pingId + 1;
      const runtime = event.now - since >= PING_TIMEOUT ? 'unresponsive' : machine.runtime;
      return [
        { ...machine, pingId, unansweredSince: since, runtime },
        [{ type: 'send-ping', id: pingId }],
      ];
    }
    case 'pong':
      // Any answer to a ping of ours shows the runtime's thread is alive now.
      if (event.id < 1 || event.id > machine.pingId || !alive(machine.runtime)) {
        return [machine, []];
      }
      return [{ ...machine, runtime: 'ready', unansweredSince: undefined }, []];
    case 'hidden':
      return [{ ...machine, unansweredSince: undefined }, []];
    case 'reload':
      return [
        {
          ...machine,
          runtime: 'starting',
          // The new runtime counts its runs from 1 again.
          shownRun: 0,
          awaiting: false,
          pendingRun: false,
          unansweredSince: undefined,
          internalFailure: false,
          state: isBusy(machine) ? 'stopped' : machine.state,
        },
        [{ type: 'reload-runtime' }],
      ];
  }
}

export type NoticeKind = 'unresponsive' | 'runtime-load' | 'internal';

export interface RuntimeNotice {
  kind: NoticeKind;
  message: string;
}

/** What the sandbox says about its runtime, if anything; each offers Reload sandbox. */
export function runtimeNotice(machine: Machine): RuntimeNotice | undefined {
  if (machine.runtime === 'unresponsive') {
    return { kind: 'unresponsive', message: 'The sandbox runtime is not responding.' };
  }
  if (machine.runtime === 'failed') {
    return {
      kind: 'runtime-load',
      message:
        'The sandbox runtime could not start. Reload the sandbox, or the page if that does not help.',
    };
  }
  if (machine.internalFailure) {
    return {
      kind: 'internal',
      message: 'The sandbox runtime itself failed (the output says how).',
    };
  }
  return undefined;
}
