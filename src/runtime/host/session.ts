/**
 * One run of a sandbox program: boots the main context, relays its output,
 * decides when it is finished, and tears everything down on stop.
 */
import {
  isSandboxToHost,
  type ErrorReport,
  type HostToSandbox,
  type OutputEntry,
  type RunState,
  type SandboxProgram,
  type SandboxToHost,
  type TraceEvent,
  TRACE_LIMIT,
} from '../protocol';
import { OutputLimiter } from '../transcript';
import { QuiescenceTracker } from './quiescence';

const PROBE_INTERVAL_MS = 40;
const OUTPUT_INTERVAL_MS = 50;

/** The parts of a `Worker` a session uses, so tests can give it a fake one. */
export interface WorkerLike {
  terminate(): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

export interface PortLike<Message = HostToSandbox> {
  postMessage(message: Message): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  close(): void;
}

/**
 * A main context whose bootstrap is already loaded, and the port that is its
 * only control channel. The runtime keeps one ready between runs, so pressing
 * Run costs a message, not a worker start.
 */
export interface PreparedContext<Message = HostToSandbox> {
  worker: WorkerLike;
  port: PortLike<Message>;
}

export interface SessionEvents {
  output(entries: OutputEntry[]): void;
  /** New trace events; `dropped` counts every event of the run over `TRACE_LIMIT` so far. */
  trace(events: TraceEvent[], dropped: number): void;
  error(report: ErrorReport, source: string, fatal: boolean): void;
  state(state: RunState, elapsed: number, dropped: number): void;
}

export interface SessionOptions {
  /** See `ContextConfig.sharedMemoryNotice`. */
  sharedMemoryNotice?: string | undefined;
  /** `false`: the run records no trace. */
  trace?: boolean | undefined;
}

export function runtimeFailureText(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The sandbox runtime failed: ${reason}. Run again, or reload the sandbox.`;
}

export class RunSession {
  private context: PreparedContext | undefined;
  private readonly limiter = new OutputLimiter();
  private readonly tracker = new QuiescenceTracker();
  private pendingOutput: OutputEntry[] = [];
  private lastOutputFlush = -Infinity;
  private pendingTrace: TraceEvent[] = [];
  private traceKept = 0;
  private traceDropped = 0;
  /** Trace events or drops not reported yet. */
  private traceChanged = false;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private outputTimer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private runtimeLines = 0;
  private finished = false;
  private failed = false;

  constructor(
    private readonly program: SandboxProgram,
    private readonly entry: string,
    private readonly bootstrapSource: string,
    private readonly events: SessionEvents,
    private readonly options: SessionOptions = {},
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** Starts the run in a prepared context, which the session then owns. */
  start(context: PreparedContext): void {
    this.startedAt = performance.timeOrigin + performance.now();
    this.context = context;
    context.port.onmessage = (event) => {
      const message = event.data;
      // Only the bootstrap holds this port, but what arrives is checked anyway.
      if (!isSandboxToHost(message)) return;
      try {
        this.receive(message);
      } catch (error) {
        this.fail(error);
      }
    };
    context.worker.addEventListener('error', (event) => {
      // Only the loader itself can fail here; sandbox errors arrive on the port.
      event.preventDefault();
      this.fail(new Error(`the sandbox could not start (${event.message})`));
    });
    context.port.postMessage({
      kind: 'boot',
      config: {
        bootstrapSource: this.bootstrapSource,
        program: this.program,
        entry: this.entry,
        contextId: '0',
        label: 'main',
        runStartedAt: this.startedAt,
        trace: this.options.trace !== false,
        ...(this.options.sharedMemoryNotice === undefined
          ? {}
          : { sharedMemoryNotice: this.options.sharedMemoryNotice }),
      },
    });
    this.outputTimer = setInterval(() => {
      this.flushOutput();
      this.flushTrace();
    }, OUTPUT_INTERVAL_MS);
    this.events.state('running', 0, 0);
  }

  stop(): void {
    this.finish('stopped');
  }

  /** Ends the run with a visible error that says the runtime, not the program, failed. */
  fail(error: unknown): void {
    if (this.finished) return;
    const text = runtimeFailureText(error);
    this.printRuntimeLine(text, 'main');
    this.flushOutput();
    this.failed = true;
    this.events.error({ kind: 'load', text, name: 'Error', message: text }, 'main', true);
    this.finish('error');
  }

  private elapsed(): number {
    return performance.timeOrigin + performance.now() - this.startedAt;
  }

  private receive(message: SandboxToHost): void {
    if (this.finished) return;
    switch (message.kind) {
      case 'output':
        this.pendingOutput.push(...this.limiter.push(message.entries));
        // The first lines after a quiet spell go out at once; a flood waits for the interval.
        if (performance.now() - this.lastOutputFlush > OUTPUT_INTERVAL_MS) this.flushOutput();
        break;
      case 'trace':
        this.takeTrace(message.events, message.dropped);
        break;
      case 'error':
        // A context prints its program's errors itself; a `load` failure is
        // the runtime's, which nobody printed yet.
        if (message.report.kind === 'load') {
          this.printRuntimeLine(message.report.text, message.source);
        }
        this.flushOutput();
        this.failed = true;
        this.events.error(message.report, message.source, message.fatal);
        if (message.fatal) this.finish('error');
        break;
      case 'loaded':
        if (message.contextId === '0') this.startProbing();
        break;
      case 'activity':
        if (this.tracker.record(message.snapshot)) this.finish(this.failed ? 'error' : 'done');
        break;
      case 'closed':
        // The main program called close(): like process.exit(), the run ends.
        if (message.contextId === '0') this.finish(this.failed ? 'error' : 'done');
        break;
    }
  }

  private printRuntimeLine(text: string, source: string): void {
    this.pendingOutput.push(
      ...this.limiter.push([
        {
          method: 'error',
          id: `runtime:${this.startedAt}:${this.runtimeLines++}`,
          data: [text],
          stream: 'stderr',
          source,
          at: this.elapsed(),
        },
      ]),
    );
  }

  private startProbing(): void {
    if (this.probeTimer !== undefined) return;
    const probe = (): void => {
      const round = this.tracker.nextRound();
      this.context?.port.postMessage({ kind: 'probe', round });
    };
    probe();
    this.probeTimer = setInterval(probe, PROBE_INTERVAL_MS);
  }

  /** Keeps what fits in the run's `TRACE_LIMIT`, and counts the rest. */
  private takeTrace(events: TraceEvent[], dropped: number): void {
    const room = Math.max(0, TRACE_LIMIT - this.traceKept);
    const kept = events.length <= room ? events : events.slice(0, room);
    for (const event of kept) this.pendingTrace.push(event);
    this.traceKept += kept.length;
    this.traceDropped += dropped + events.length - kept.length;
    if (kept.length > 0 || dropped > 0 || events.length > kept.length) this.traceChanged = true;
  }

  private flushTrace(): void {
    if (!this.traceChanged) return;
    const batch = this.pendingTrace;
    this.pendingTrace = [];
    this.traceChanged = false;
    this.events.trace(batch, this.traceDropped);
  }

  private flushOutput(): void {
    if (this.pendingOutput.length === 0) return;
    const batch = this.pendingOutput;
    this.pendingOutput = [];
    this.lastOutputFlush = performance.now();
    this.events.output(batch);
  }

  private finish(state: RunState): void {
    if (this.finished) return;
    this.finished = true;
    // Terminating the main context ends every nested worker with it.
    this.context?.worker.terminate();
    this.context?.port.close();
    this.context = undefined;
    clearInterval(this.probeTimer);
    clearInterval(this.outputTimer);
    this.flushOutput();
    const tail = this.limiter.takeTail();
    if (tail.length) this.events.output(tail);
    this.flushTrace();
    this.events.state(state, this.elapsed(), this.limiter.dropped);
  }
}
