/**
 * One run of a sandbox program: spawns the main context, relays its output,
 * decides when it is finished, and tears everything down on stop.
 */
import type {
  ErrorReport,
  HostToSandbox,
  OutputEntry,
  RunState,
  SandboxProgram,
  SandboxToHost,
} from '../protocol';
import { OutputLimiter } from '../transcript';
import { startCall } from '../sandbox/start';
import { QuiescenceTracker } from './quiescence';

/**
 * The main context's loader. A worker from a data: URL has an opaque origin,
 * so sandbox code cannot reach the docs site's storage or cookies; it turns
 * the bootstrap source into a blob of its own and starts it.
 */
const LOADER = `let r;const ready=new Promise((f)=>{r=f});self.onmessage=async(e)=>{const d=e.data;if(d.kind==='prepare'){await import(URL.createObjectURL(new Blob([d.bootstrapSource],{type:'text/javascript'})));r()}else{self.onmessage=null;await ready;const c=d.config;${startCall('c')}}};`;
const LOADER_URL = `data:text/javascript,${encodeURIComponent(LOADER)}`;

const PROBE_INTERVAL_MS = 40;
const OUTPUT_INTERVAL_MS = 50;

/**
 * A main context whose bootstrap is already loaded. The runtime keeps one
 * ready between runs, so pressing Run costs a message, not a worker start.
 */
export function prepareWorker(bootstrapSource: string): Worker {
  const worker = new Worker(LOADER_URL, { type: 'module', name: 'sandbox main' });
  worker.postMessage({ kind: 'prepare', bootstrapSource } satisfies HostToSandbox);
  return worker;
}

export interface SessionEvents {
  output(entries: OutputEntry[]): void;
  error(report: ErrorReport, source: string, fatal: boolean): void;
  state(state: RunState, elapsed: number, dropped: number): void;
}

export class RunSession {
  private worker: Worker | undefined;
  private readonly limiter = new OutputLimiter();
  private readonly tracker = new QuiescenceTracker();
  private pendingOutput: OutputEntry[] = [];
  private lastOutputFlush = 0;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private outputTimer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private finished = false;
  private failed = false;

  constructor(
    private readonly program: SandboxProgram,
    private readonly entry: string,
    private readonly bootstrapSource: string,
    private readonly events: SessionEvents,
  ) {}

  /** Starts the run in `worker` (from prepareWorker), which the session then owns. */
  start(worker: Worker): void {
    this.startedAt = performance.timeOrigin + performance.now();
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<SandboxToHost>) => {
      this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      // Only the loader itself can fail here; sandbox errors arrive as messages.
      event.preventDefault();
      this.events.error(
        {
          kind: 'load',
          text: `The sandbox could not start: ${event.message}`,
          name: 'Error',
          message: event.message,
        },
        'main',
        true,
      );
      this.finish('error');
    });
    const boot: HostToSandbox = {
      kind: 'boot',
      config: {
        bootstrapSource: this.bootstrapSource,
        program: this.program,
        entry: this.entry,
        contextId: '0',
        label: 'main',
        runStartedAt: this.startedAt,
      },
    };
    worker.postMessage(boot);
    this.outputTimer = setInterval(() => {
      this.flushOutput();
    }, OUTPUT_INTERVAL_MS);
    this.events.state('running', 0, 0);
  }

  stop(): void {
    if (this.finished) return;
    this.finish('stopped');
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
      case 'error':
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
        break;
    }
  }

  private startProbing(): void {
    const probe = (): void => {
      const round = this.tracker.nextRound();
      this.worker?.postMessage({ kind: 'probe', round } satisfies HostToSandbox);
    };
    probe();
    this.probeTimer = setInterval(probe, PROBE_INTERVAL_MS);
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
    this.worker?.terminate();
    this.worker = undefined;
    clearInterval(this.probeTimer);
    clearInterval(this.outputTimer);
    this.flushOutput();
    const tail = this.limiter.takeTail();
    if (tail.length) this.events.output(tail);
    this.events.state(state, this.elapsed(), this.limiter.dropped);
  }
}
