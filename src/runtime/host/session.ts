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
const LOADER = `self.onmessage=async(e)=>{self.onmessage=null;const c=e.data.config;await import(URL.createObjectURL(new Blob([c.bootstrapSource],{type:'text/javascript'})));${startCall('c')}};`;
const LOADER_URL = `data:text/javascript,${encodeURIComponent(LOADER)}`;

const PROBE_INTERVAL_MS = 40;
const OUTPUT_INTERVAL_MS = 50;

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

  start(): void {
    this.startedAt = performance.timeOrigin + performance.now();
    const worker = new Worker(LOADER_URL, { type: 'module', name: 'sandbox main' });
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
