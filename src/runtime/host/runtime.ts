/**
 * What the runtime page does with each message from the docs page: compile,
 * run, stop, answer pings. Everything it touches comes in through
 * `RuntimeDeps`, so tests drive it without a browser.
 */
import {
  isClientToRuntime,
  TEST_HANG_MAX_MS,
  type ClientToRuntime,
  type OutputEntry,
  type RuntimeEvent,
  type SandpackErrorFrame,
  type SandpackModules,
  type SourceLocation,
} from '../protocol';
import type { CompileFailure, CompileResult } from './compile';
import { Stepping, type SteppingDeps } from './stepping';
import {
  RunSession,
  runtimeFailureText,
  type PreparedContext,
  type SessionEvents,
  type SessionOptions,
} from './session';

export interface RuntimeDeps {
  send: (event: RuntimeEvent) => void;
  compile: (modules: SandpackModules) => Promise<CompileResult>;
  bootstrapSource: Promise<string>;
  prepare: (bootstrapSource: string) => PreparedContext;
  /** Set where the page is not cross-origin isolated (see isolation.ts). */
  sharedMemoryNotice?: string | undefined;
  /** Where the stepper's worker comes from (see stepping.ts); without it `sandbox/step` answers that it is missing. */
  stepper?: Pick<SteppingDeps, 'stepperSource' | 'prepare' | 'answerWithin'>;
  /** Whether `sandbox/test-hang` is honoured. */
  testHooks: boolean;
  /** Makes the runtime look hung to the docs page for `ms`. */
  hang: (ms: number) => void;
  createSession?: (
    program: Extract<CompileResult, { ok: true }>,
    bootstrapSource: string,
    events: SessionEvents,
    options: SessionOptions,
  ) => RunSession;
}

export function codeFrame(source: string, line: number): SandpackErrorFrame['_originalScriptCode'] {
  const lines = source.replace(/\n$/, '').split('\n');
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const frame: SandpackErrorFrame['_originalScriptCode'] = [];
  for (let n = first; n <= last; n++) {
    frame.push({ lineNumber: n, content: lines[n - 1] ?? '', highlight: n === line });
  }
  return frame;
}

function clampToFile(location: SourceLocation, modules: SandpackModules): SourceLocation {
  // The editor throws on a line past the end of the document.
  const lineCount = (modules[location.path]?.code ?? '').split('\n').length;
  return { ...location, line: Math.min(Math.max(1, location.line), lineCount) };
}

export class Runtime {
  private firstCompile = true;
  private runCounter = 0;
  private session: RunSession | undefined;
  /** Newest run and newest check (compile without running): an older one of the same kind yields. */
  private latestRun = 0;
  private latestCheck = 0;
  private spare: PreparedContext | undefined;
  private readonly stepping: Stepping;

  constructor(private readonly deps: RuntimeDeps) {
    this.stepping = new Stepping({
      send: (event) => {
        deps.send(event);
      },
      compile: (modules) => deps.compile(modules),
      stepperSource: () => Promise.reject(new Error('this runtime has no stepper')),
      prepare: () => {
        throw new Error('this runtime has no stepper');
      },
      ...deps.stepper,
    });
  }

  /** Handles one message from the docs page; drops what does not fit and never throws. */
  receive(data: unknown): void {
    if (!isClientToRuntime(data)) return;
    try {
      this.handle(data);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * An unexpected exception of the runtime itself: the run on screen ends in
   * a visible error, and the next Run starts afresh.
   */
  fail(error: unknown): void {
    try {
      this.session?.stop();
      this.session = undefined;
      const text = runtimeFailureText(error);
      const runId = ++this.runCounter;
      this.deps.send({
        type: 'sandbox/run-state',
        runId,
        state: 'error',
        elapsed: 0,
        dropped: 0,
        internal: true,
      });
      this.deps.send({
        type: 'console',
        runId,
        log: [
          {
            method: 'error',
            id: `runtime:${Date.now()}:${runId}`,
            data: [text],
            stream: 'stderr',
            source: 'main',
            at: 0,
          },
        ],
      });
      this.deps.send({
        type: 'action',
        action: 'show-error',
        title: 'Error',
        message: text,
        payload: {},
      });
      this.deps.send({ type: 'done', compilatonError: true });
    } catch {
      // Nothing is left to tell it with.
    }
  }

  private handle(message: ClientToRuntime): void {
    switch (message.type) {
      case 'compile':
        this.start(message.modules, message.skipEval !== true, true);
        break;
      case 'sandbox/run':
        this.start(message.modules, true, message.trace !== false);
        break;
      case 'sandbox/stop':
        this.session?.stop();
        break;
      case 'sandbox/ping':
        this.deps.send({ type: 'sandbox/pong', id: message.id });
        break;
      case 'sandbox/step':
        this.stepping.step(message.id, message.modules).catch((error: unknown) => {
          this.fail(error);
        });
        break;
      case 'sandbox/test-hang':
        if (this.deps.testHooks) {
          this.deps.hang(Math.min(Math.max(0, message.ms ?? TEST_HANG_MAX_MS), TEST_HANG_MAX_MS));
        }
        break;
    }
  }

  private start(modules: SandpackModules, run: boolean, trace: boolean): void {
    this.compileAndMaybeRun(modules, run, trace).catch((error: unknown) => {
      this.fail(error);
    });
  }

  private takeContext(source: string): PreparedContext {
    const context = this.spare ?? this.deps.prepare(source);
    this.spare = undefined;
    return context;
  }

  /** Keeps a prepared main context ready for the next run, but never during one. */
  private prepareSpare(source: string): void {
    this.spare ??= this.deps.prepare(source);
  }

  private showError(
    title: string,
    message: string,
    where: SourceLocation | undefined,
    modules: SandpackModules,
  ): void {
    const send = this.deps.send;
    if (!where || !(where.path in modules)) {
      send({ type: 'action', action: 'show-error', title, message, payload: {} });
      return;
    }
    const location = clampToFile(where, modules);
    const source = modules[location.path]?.code ?? '';
    const { path, line, column } = location;
    if (title === 'SyntaxError') {
      send({
        type: 'action',
        action: 'show-error',
        title,
        message: `${path}: ${message} (${line}:${column})`,
        path,
        line,
        column,
        payload: {},
      });
      return;
    }
    send({
      type: 'action',
      action: 'show-error',
      title,
      message,
      path,
      line,
      column,
      payload: {
        frames: [
          {
            _originalFileName: path,
            _originalLineNumber: line,
            _originalColumnNumber: column,
            _originalScriptCode: codeFrame(source, line),
          },
        ],
      },
    });
  }

  private compileErrorEntry(error: CompileFailure, modules: SandpackModules): OutputEntry {
    const { path, line, column } = error.location;
    const frame = codeFrame(modules[path]?.code ?? '', line)
      .map((l) => {
        const gutter = `${l.highlight ? '>' : ' '} ${String(l.lineNumber).padStart(3)} | `;
        const caret = l.highlight
          ? `\n${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, column - 1))}^`
          : '';
        return `${gutter}${l.content}${caret}`;
      })
      .join('\n');
    return {
      method: 'error',
      id: `compile:${Date.now()}:${this.runCounter}`,
      data: [`${error.title}: ${error.message}\n    at ${path}:${line}:${column}\n\n${frame}`],
      stream: 'stderr',
      source: 'main',
      at: 0,
    };
  }

  private async compileAndMaybeRun(
    modules: SandpackModules,
    run: boolean,
    trace: boolean,
  ): Promise<void> {
    const { send } = this.deps;
    // A check never cancels a run: Sandpack recompiles after edits on its own
    // schedule, which may land while a Run is compiling.
    const token = run ? ++this.latestRun : ++this.latestCheck;
    const superseded = (): boolean => token !== (run ? this.latestRun : this.latestCheck);
    // The previous run ends now, not after compiling: none of its output may follow.
    if (run) this.session?.stop();
    // The context starts while the code compiles (a first run has none ready).
    if (run)
      void this.deps.bootstrapSource.then(
        (source) => {
          this.prepareSpare(source);
        },
        () => undefined,
      );
    const isFirst = this.firstCompile;
    this.firstCompile = false;
    send({ type: 'start', firstLoad: isFirst });
    const result = await this.deps.compile(modules);
    if (superseded()) return;
    if (!result.ok) {
      const { error } = result;
      if (run) {
        this.session?.stop();
        const runId = ++this.runCounter;
        send({ type: 'sandbox/run-state', runId, state: 'error', elapsed: 0, dropped: 0 });
        send({ type: 'console', runId, log: [this.compileErrorEntry(error, modules)] });
      }
      this.showError(error.title, error.message, error.location, modules);
      send({ type: 'done', compilatonError: true });
      return;
    }
    send({ type: 'success' });
    if (run) {
      this.session?.stop();
      const source = await this.deps.bootstrapSource;
      if (superseded()) return;
      const runId = ++this.runCounter;
      let errorShown = false;
      const events: SessionEvents = {
        output: (entries) => {
          send({ type: 'console', runId, log: entries });
        },
        trace: (events, dropped) => {
          send({ type: 'sandbox/trace', runId, events, dropped });
        },
        error: (report) => {
          if (!errorShown) {
            errorShown = true;
            this.showError(report.name, report.message, report.location, modules);
          }
        },
        state: (state, elapsed, dropped) => {
          send({ type: 'sandbox/run-state', runId, state, elapsed, dropped });
          if (state !== 'running') this.prepareSpare(source);
        },
      };
      const options: SessionOptions = { sharedMemoryNotice: this.deps.sharedMemoryNotice, trace };
      const session =
        this.deps.createSession?.(result, source, events, options) ??
        new RunSession(result.program, result.entry, source, events, options);
      this.session = session;
      session.start(this.takeContext(source));
    }
    // `done` tells Sandpack the code was compiled and started, so edits keep
    // flowing while a long program runs; the run's own end is `sandbox/run-state`.
    send({ type: 'done', compilatonError: false });
    if (!run) {
      const source = await this.deps.bootstrapSource;
      // A check while a run goes on (Sandpack recompiles on its own schedule)
      // leaves the spare to the run's end.
      if (!this.session || this.session.done) this.prepareSpare(source);
    }
  }
}
