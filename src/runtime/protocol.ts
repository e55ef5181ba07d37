/**
 * The one description of every message the sandbox runtime exchanges.
 *
 * Three hops, three vocabularies:
 *  1. docs page (sandpack-react client) <-> runtime page: Sandpack's own
 *     postMessage protocol (see the Sandpack runtime protocol reference), plus
 *     a few `sandbox/*` messages of ours that ride the same envelope.
 *  2. runtime page <-> sandbox context (a Web Worker with an opaque origin):
 *     `HostToSandbox` / `SandboxToHost`, on a `MessagePort` of their own.
 *     The workers live in an opaque-origin `srcdoc` frame of the runtime page
 *     (see host/frame.ts), which starts and ends them on request:
 *     `FrameCommand` / `FrameEvent`.
 *  3. sandbox context <-> nested worker contexts: the same messages on a port
 *     per child, plus `ChildToParent`'s user messages.
 *
 * Control traffic never uses a worker's own `postMessage`, which user code
 * shares: every context receives a `MessagePort` in its first message (see
 * sandbox/loader.ts), keeps it in a closure before any user code runs, and
 * talks to its parent only there. Moving a port is all a different nesting of
 * contexts needs.
 *
 * Every receiver checks what arrives with the guards below and drops what
 * does not fit. Both the docs page and the runtime page import this module,
 * so the shapes cannot drift apart.
 */

/** Sandpack's `modules` map: every file of the sandbox keyed by its `/path`. */
export type SandpackModules = Record<string, { code: string; path: string }>;

// ---------------------------------------------------------------------------
// Hop 1: docs page -> runtime page

/** Sent un-enveloped by the client on every `initialized`. */
export interface RegisterFrameMessage {
  type: 'register-frame';
  origin: string;
  id: number;
}

interface Envelope {
  codesandbox: true;
  $id?: number;
}

export interface CompileMessage extends Envelope {
  type: 'compile';
  modules: SandpackModules;
  isInitializationCompile?: boolean;
  /** When true the runtime only transpiles (editor diagnostics) and waits for `sandbox/run`. */
  skipEval?: boolean;
}

/** Run the sandbox. Carries the files so a re-run never races a pending compile. */
export interface RunMessage extends Envelope {
  type: 'sandbox/run';
  modules: SandpackModules;
  /** Record a trace of the run (`sandbox/trace`); on unless `false`. */
  trace?: boolean;
}

export interface StopMessage extends Envelope {
  type: 'sandbox/stop';
}

/** Asks for a `sandbox/pong` with the same id: a runtime that does not answer is hung. */
export interface PingMessage extends Envelope {
  type: 'sandbox/ping';
  id: number;
}

/**
 * Blocks the runtime page's thread for `ms` (default and maximum 60 s), so
 * tests can check what the docs page does with a hung runtime. Honoured only
 * when the runtime page's URL has `?test-hooks` (see `TEST_HOOKS_PARAM`).
 */
export interface TestHangMessage extends Envelope {
  type: 'sandbox/test-hang';
  ms?: number;
}

/**
 * Record the program's run in the stepper (engine262, virtual time) and
 * answer with `sandbox/steps` carrying the same `id`. A newer request makes
 * an older one's answer moot; the docs page keeps only the newest.
 */
export interface StepMessage extends Envelope {
  type: 'sandbox/step';
  id: number;
  modules: SandpackModules;
}

export type ClientToRuntime =
  CompileMessage | RunMessage | StopMessage | PingMessage | TestHangMessage | StepMessage;

/** Query parameter that enables `sandbox/test-hang` (on the docs page, it is passed on to the runtime). */
export const TEST_HOOKS_PARAM = 'test-hooks';
export const TEST_HANG_MAX_MS = 60_000;

// ---------------------------------------------------------------------------
// Hop 1: runtime page -> docs page

export type OutputStream = 'stdout' | 'stderr';

/** Console methods Sandpack's console understands; used as the entry's `method`. */
export type ConsoleMethod =
  | 'log'
  | 'debug'
  | 'info'
  | 'warn'
  | 'error'
  | 'table'
  | 'clear'
  | 'time'
  | 'timeEnd'
  | 'count'
  | 'assert';

/**
 * One console call, already formatted the way Node prints it. `data` keeps
 * Sandpack's console shape (one string), the other fields are ours.
 */
export interface OutputEntry {
  method: ConsoleMethod;
  id: string;
  data: [string];
  stream: OutputStream;
  /** Which context printed it: "main" or e.g. "worker 2 (/worker.ts)". */
  source: string;
  /** Milliseconds since the run started, measured in the printing thread. */
  at: number;
}

export type RunState = 'running' | 'done' | 'error' | 'stopped';

/**
 * What one context's recorder saw during a run (see sandbox/recorder.ts).
 * Times are ms since the run started, on the shared wall clock every context
 * computes from `runStartedAt`. Contexts are named by id: "0" is the main
 * program, "0.1" its first worker, "0.1.2" that worker's second.
 */
export type TraceEvent =
  /** A context's bootstrap started: the thread exists (its lane). */
  | { type: 'context'; context: string; label: string; at: number }
  /**
   * The thread ran JavaScript from `start` to `end`: one task (module
   * evaluation, a timer callback, a message handler, a settled fetch) and the
   * microtasks that followed it.
   */
  | { type: 'busy'; context: string; start: number; end: number; label: string }
  /**
   * Something in flight began: a timer (one period of an interval), a fetch,
   * a worker (`child` is its context). The `end` with the same `context` and
   * `span` closes it; without one it was still in flight when the run ended.
   */
  | {
      type: 'begin';
      context: string;
      span: number;
      kind: TraceSpanKind;
      at: number;
      label: string;
      child?: string;
    }
  | { type: 'end'; context: string; span: number; at: number; outcome: TraceOutcome }
  /** The `n`-th user message from `context` to context `to` was posted. */
  | { type: 'send'; context: string; to: string; n: number; at: number }
  /** The `n`-th user message from context `from` reached `context`'s handlers. */
  | { type: 'receive'; context: string; from: string; n: number; at: number };

export type TraceSpanKind = 'timer' | 'interval' | 'fetch' | 'worker';
export type TraceOutcome = 'fired' | 'cleared' | 'settled' | 'failed' | 'ended';

/** Most trace events a run keeps; the rest are counted as dropped and the timeline says so. */
export const TRACE_LIMIT = 20_000;

export interface SourceLocation {
  path: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

// ---------------------------------------------------------------------------
// The stepper: a run recorded step by step in engine262 (see runtime/stepper/)

/** Where a step is in the program's source: 1-based, in the TypeScript the reader sees. */
export interface StepLocation {
  path: string;
  line: number;
  column: number;
  endLine: number;
  /** One past the node's last character (exclusive), so `to - from` is its length on one line. */
  endColumn: number;
}

/** One frame of the call stack at a step, bottom first. */
export interface StepFrame {
  /** The function's name, "(anonymous)" or "(module)" for the top level of a file. */
  name: string;
  async: boolean;
  /** An `async` function that resumed after `await` in the running job. */
  resumed: boolean;
}

/** Spec names of the jobs the microtask queue holds. */
export type StepJobSpec =
  'NewPromiseReactionJob' | 'NewPromiseResolveThenableJob' | 'queueMicrotask';

/** One microtask, from its queueing to its run. */
export interface StepJob {
  id: number;
  spec: StepJobSpec;
  /** What it runs: "resume main after await", "then callback (line 12)", "settle a promise". */
  label: string;
  /** What queued it: "line 12, in main". */
  queuedBy: string;
}

/** One task: a timer (one period of an interval). */
export interface StepTask {
  id: number;
  kind: 'setTimeout' | 'setInterval';
  /** "setTimeout 100 ms (line 4)". */
  label: string;
  /** Virtual ms it was scheduled at, and is due at (the nesting clamp applied). */
  scheduled: number;
  due: number;
}

export interface StepConsoleLine {
  text: string;
  stream: OutputStream;
  /** Virtual ms. */
  at: number;
}

/** The whole state the stepper shows at one step. */
export interface Step {
  /**
   * What this step is: a piece of code about to run (`node`); a microtask or
   * task starting (`microtask`, `task`: taken off its queue, so no longer in
   * it); the script, a microtask or a task just finished, the stack empty
   * (`finish`: e.g. the step where the synchronous part is over and the
   * microtask queue holds what runs next); the run over (`end`, the last step).
   */
  kind: 'node' | 'microtask' | 'task' | 'finish' | 'end';
  /** What changed since the previous step, in words a screen reader announces. */
  note: string;
  location?: StepLocation;
  stack: StepFrame[];
  /** Ids of `StepTrace.jobs`, in the order they will run. */
  microtasks: number[];
  /** Ids of `StepTrace.tasks`, in the order they will run. */
  tasks: number[];
  /** How many `StepTrace.console` lines have been printed by this step. */
  console: number;
  /** The virtual clock, ms since the run started. */
  clock: number;
  /** The running job or task (`microtask:<id>`, `task:<id>`, `script`). */
  turn: string;
}

export type StepEnd =
  | { kind: 'done' }
  /** An uncaught exception ended the program, as it would a Node process. */
  | { kind: 'error'; message: string }
  /** The step cap or the time cap was reached. */
  | { kind: 'limit'; message: string }
  /** The program needs a host API the stepper does not provide (`api`: "fetch", "Worker"…). */
  | { kind: 'unsupported'; api: string; message: string }
  /** The program did not compile. */
  | { kind: 'compile'; message: string };

export interface StepTrace {
  steps: Step[];
  jobs: StepJob[];
  tasks: StepTask[];
  console: StepConsoleLine[];
  end: StepEnd;
  /** Wall-clock ms the recording took in the stepper's worker. */
  recordMs: number;
}

/** The most steps a trace keeps; a longer program ends with a `limit` and a clear message. */
export const STEP_LIMIT = 5000;
/** Wall-clock ms a recording may take before it ends with a `limit`. */
export const STEP_TIME_LIMIT = 8000;

/** Everything the runtime page can tell the docs page, without the envelope. */
export type RuntimeEvent =
  | { type: 'initialized'; url?: string }
  | { type: 'start'; firstLoad: boolean }
  | { type: 'status'; status: 'transpiling' | 'evaluating' | 'idle' }
  | { type: 'success' }
  | { type: 'done'; compilatonError: boolean }
  | {
      type: 'action';
      action: 'show-error';
      title: string;
      message: string;
      path?: string;
      line?: number;
      column?: number;
      payload: { frames?: SandpackErrorFrame[] };
    }
  | { type: 'console'; runId: number; log: OutputEntry[] }
  | { type: 'sandbox/pong'; id: number }
  /** The answer to `sandbox/step` with that `id`. */
  | { type: 'sandbox/steps'; id: number; trace: StepTrace }
  /** New trace events of a run; `dropped` counts every event over `TRACE_LIMIT` so far. */
  | { type: 'sandbox/trace'; runId: number; events: TraceEvent[]; dropped: number }
  | {
      type: 'sandbox/run-state';
      runId: number;
      state: RunState;
      /** Wall time of the run so far, in ms. */
      elapsed: number;
      /** Output entries dropped by the cap in this run. */
      dropped: number;
      /** Set when the runtime itself failed, not the program: the editor offers Reload sandbox. */
      internal?: boolean;
    };

export interface SandpackErrorFrame {
  _originalFileName: string;
  _originalLineNumber: number;
  _originalColumnNumber: number;
  _originalScriptCode: { lineNumber: number; content: string; highlight: boolean }[];
}

export type RuntimeMessage = RuntimeEvent & Envelope;

// ---------------------------------------------------------------------------
// Hop 2: runtime page <-> sandbox contexts

/**
 * A transpiled module ready to be linked inside a sandbox context: the
 * specifier ranges are known, so each context only splices in its own blob
 * URLs (blob URLs cannot be shared between opaque-origin workers).
 */
export interface LinkableModule {
  path: string;
  code: string;
  /** Offsets into `code` of import specifiers (without quotes) and the file each resolves to. */
  imports: { start: number; end: number; target: string }[];
}

export interface SandboxProgram {
  /** Modules in dependency order: every module comes after the ones it imports. */
  modules: LinkableModule[];
  /** Original sources: stack columns are mapped back to them, and code frames show them. */
  sources: Record<string, string>;
}

export interface ContextConfig {
  program: SandboxProgram;
  entry: string;
  /** "0" for the main program; nested workers append their creation index: "0.1", "0.1.2". */
  contextId: string;
  label: string;
  /** `performance.timeOrigin + performance.now()` when the run started, for `at`. */
  runStartedAt: number;
  /**
   * Source of the bootstrap module. Each context makes its own blob of it for
   * its children: a worker may import blobs of its own origin, and each opaque
   * origin is its own.
   */
  bootstrapSource: string;
  /**
   * Where the page is not cross-origin isolated, the sentence that touching
   * `SharedArrayBuffer` throws: why it is missing and where it runs.
   */
  sharedMemoryNotice?: string;
  /** `false`: the context and its children record no trace (see sandbox/recorder.ts). */
  trace?: boolean;
}

/**
 * The one message a context receives on its worker's own channel, before any
 * user code exists: the port all further control traffic uses, and the
 * bootstrap to load ahead of time, so a run starts without that cost.
 */
export interface PrepareMessage {
  kind: 'prepare';
  bootstrapSource: string;
  port: MessagePort;
}

/**
 * Runtime page -> sandbox frame, on the port handed to the frame once: start a
 * main context (the frame passes `port` on to it in a `PrepareMessage`), or
 * end one. The frame runs no code of the program itself.
 */
export type FrameCommand =
  | { kind: 'spawn'; id: number; name: string; bootstrapSource: string; port: MessagePort }
  | { kind: 'terminate'; id: number };

/** Sandbox frame -> runtime page: a context's worker failed before its bootstrap could report. */
export interface FrameEvent {
  kind: 'worker-error';
  id: number;
  message: string;
}

/** What the sandbox frame posts to its parent once it listens, and what the parent answers with its port. */
export const FRAME_READY = 'sandbox-frame-ready';
export const FRAME_CONNECT = 'sandbox-frame-connect';

/**
 * Runtime page -> stepper worker: what its loader hands the stepper's entry
 * (in place of a `ContextConfig`) with the `boot` message.
 */
export interface StepConfig {
  contextId: 'stepper';
  label: 'stepper';
  program: SandboxProgram;
  entry: string;
}

/** Stepper worker -> runtime page, on its control port: the recording, once it has ended. */
export interface StepperToHost {
  kind: 'steps';
  trace: StepTrace;
}

/** Sent on the control port. */
export type HostToSandbox =
  { kind: 'boot'; config: ContextConfig } | { kind: 'probe'; round: number };

/** Per-context bookkeeping that decides when a run has nothing left to do. */
export interface ActivitySnapshot {
  contextId: string;
  round: number;
  /** Pending timers and intervals. */
  timers: number;
  /** Pending fetches and other host callbacks we know of. */
  pending: number;
  /** User messages this context posted to each live child / received from each, by child id. */
  sentTo: Record<string, number>;
  receivedFrom: Record<string, number>;
  /** Messages exchanged with the parent (user messages only). */
  sentToParent: number;
  receivedFromParent: number;
  /** Live (not terminated) child context ids. */
  children: string[];
  /** True once the context's own entry module has finished evaluating. */
  loaded: boolean;
}

export interface ErrorReport {
  /** "Uncaught", "Uncaught (in promise)" or "Failed to load". */
  kind: 'uncaught' | 'unhandled-rejection' | 'load';
  /** Formatted exactly as printed to the transcript. */
  text: string;
  name: string;
  message: string;
  /** First stack frame inside a sandbox file, if any. */
  location?: SourceLocation;
}

export type SandboxToHost =
  | { kind: 'output'; entries: OutputEntry[] }
  /**
   * A batch of one context's trace, or of a descendant's it relays; `dropped`
   * counts the events that context left out since its previous batch.
   */
  | { kind: 'trace'; events: TraceEvent[]; dropped: number }
  | { kind: 'error'; contextId: string; source: string; report: ErrorReport; fatal: boolean }
  | { kind: 'loaded'; contextId: string }
  | { kind: 'activity'; snapshot: ActivitySnapshot }
  | { kind: 'closed'; contextId: string };

/**
 * Hop 3, child to parent: what `SandboxToHost` carries, plus the child's own
 * `postMessage` calls. They share the port so a child's output printed before
 * a message stays before whatever the parent prints on receiving it. A user
 * message carries the child's trace so far: the parent may end the child as
 * soon as it reads the message.
 */
export type ChildToParent =
  | SandboxToHost
  | { kind: 'user-message'; data: unknown; trace?: Extract<SandboxToHost, { kind: 'trace' }> };

/** Virtual location of sandbox files, as `import.meta.url` reports them. */
export const SANDBOX_URL_BASE = 'file:///sandbox';

export function sandboxURL(path: string): string {
  return `${SANDBOX_URL_BASE}${path}`;
}

/** Longest transcript we keep per run; the rest is counted and reported as dropped. */
export const OUTPUT_HEAD_LIMIT = 2000;
export const OUTPUT_TAIL_LIMIT = 1000;

// ---------------------------------------------------------------------------
// Guards. Each receiver drops whatever fails them; none of them throws, on
// any input (a getter that throws, a revoked proxy).

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && !Number.isNaN(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isOptional =
  <T>(guard: (value: unknown) => value is T) =>
  (value: unknown): value is T | undefined =>
    value === undefined || guard(value);
const isArrayOf =
  <T>(guard: (value: unknown) => value is T) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every((item) => guard(item));
const isOneOf =
  <T extends string>(...values: readonly T[]) =>
  (value: unknown): value is T =>
    (values as readonly unknown[]).includes(value);
const isRecordOf =
  <T>(guard: (value: unknown) => value is T) =>
  (value: unknown): value is Record<string, T> =>
    isObject(value) && Object.values(value).every((item) => guard(item));

/** Runs `check` and treats any exception (hostile getters) as "does not fit". */
function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

const isConsoleMethod = isOneOf<ConsoleMethod>(
  'log',
  'debug',
  'info',
  'warn',
  'error',
  'table',
  'clear',
  'time',
  'timeEnd',
  'count',
  'assert',
);

export function isOutputEntry(value: unknown): value is OutputEntry {
  return safely(
    () =>
      isObject(value) &&
      isConsoleMethod(value.method) &&
      isString(value.id) &&
      Array.isArray(value.data) &&
      value.data.length === 1 &&
      isString(value.data[0]) &&
      isOneOf<OutputStream>('stdout', 'stderr')(value.stream) &&
      isString(value.source) &&
      isNumber(value.at),
  );
}

const TRACE_EVENT_FIELDS: Record<TraceEvent['type'], (value: Fields) => boolean> = {
  context: (v) => isString(v.label) && isNumber(v.at),
  busy: (v) => isNumber(v.start) && isNumber(v.end) && isString(v.label),
  begin: (v) =>
    isNumber(v.span) &&
    isOneOf<TraceSpanKind>('timer', 'interval', 'fetch', 'worker')(v.kind) &&
    isNumber(v.at) &&
    isString(v.label) &&
    isOptional(isString)(v.child),
  end: (v) =>
    isNumber(v.span) &&
    isNumber(v.at) &&
    isOneOf<TraceOutcome>('fired', 'cleared', 'settled', 'failed', 'ended')(v.outcome),
  send: (v) => isString(v.to) && isNumber(v.n) && isNumber(v.at),
  receive: (v) => isString(v.from) && isNumber(v.n) && isNumber(v.at),
};

export function isTraceEvent(value: unknown): value is TraceEvent {
  return safely(
    () =>
      isObject(value) &&
      isString(value.type) &&
      Object.hasOwn(TRACE_EVENT_FIELDS, value.type) &&
      isString(value.context) &&
      TRACE_EVENT_FIELDS[value.type as TraceEvent['type']](value),
  );
}

const isStepLocation = (value: unknown): value is StepLocation =>
  isObject(value) &&
  isString(value.path) &&
  isNumber(value.line) &&
  isNumber(value.column) &&
  isNumber(value.endLine) &&
  isNumber(value.endColumn);

const isStepFrame = (value: unknown): value is StepFrame =>
  isObject(value) && isString(value.name) && isBoolean(value.async) && isBoolean(value.resumed);

const isStep = (value: unknown): value is Step =>
  isObject(value) &&
  isOneOf<Step['kind']>('node', 'microtask', 'task', 'finish', 'end')(value.kind) &&
  isString(value.note) &&
  isOptional(isStepLocation)(value.location) &&
  isArrayOf(isStepFrame)(value.stack) &&
  isArrayOf(isNumber)(value.microtasks) &&
  isArrayOf(isNumber)(value.tasks) &&
  isNumber(value.console) &&
  isNumber(value.clock) &&
  isString(value.turn);

const isStepJob = (value: unknown): value is StepJob =>
  isObject(value) &&
  isNumber(value.id) &&
  isOneOf<StepJobSpec>(
    'NewPromiseReactionJob',
    'NewPromiseResolveThenableJob',
    'queueMicrotask',
  )(value.spec) &&
  isString(value.label) &&
  isString(value.queuedBy);

const isStepTask = (value: unknown): value is StepTask =>
  isObject(value) &&
  isNumber(value.id) &&
  isOneOf<StepTask['kind']>('setTimeout', 'setInterval')(value.kind) &&
  isString(value.label) &&
  isNumber(value.scheduled) &&
  isNumber(value.due);

const isStepConsoleLine = (value: unknown): value is StepConsoleLine =>
  isObject(value) &&
  isString(value.text) &&
  isOneOf<OutputStream>('stdout', 'stderr')(value.stream) &&
  isNumber(value.at);

const isStepEnd = (value: unknown): value is StepEnd =>
  isObject(value) &&
  (value.kind === 'done' ||
    (isOneOf('error', 'limit', 'compile')(value.kind) && isString(value.message)) ||
    (value.kind === 'unsupported' && isString(value.api) && isString(value.message)));

/** A recording as it arrives from the stepper's worker (via the runtime page). */
export function isStepTrace(value: unknown): value is StepTrace {
  return safely(
    () =>
      isObject(value) &&
      isArrayOf(isStep)(value.steps) &&
      isArrayOf(isStepJob)(value.jobs) &&
      isArrayOf(isStepTask)(value.tasks) &&
      isArrayOf(isStepConsoleLine)(value.console) &&
      isStepEnd(value.end) &&
      isNumber(value.recordMs),
  );
}

export function isStepperToHost(value: unknown): value is StepperToHost {
  return safely(() => isObject(value) && value.kind === 'steps' && isStepTrace(value.trace));
}

export function isStepConfig(value: unknown): value is StepConfig {
  return safely(
    () =>
      isObject(value) &&
      value.contextId === 'stepper' &&
      value.label === 'stepper' &&
      isObject(value.program) &&
      isArrayOf(isLinkableModule)(value.program.modules) &&
      isRecordOf(isString)(value.program.sources) &&
      isString(value.entry),
  );
}

const isSourceLocation = (value: unknown): value is SourceLocation =>
  isObject(value) && isString(value.path) && isNumber(value.line) && isNumber(value.column);

const isSandpackModules = isRecordOf(
  (value: unknown): value is { code: string; path: string } =>
    isObject(value) && isString(value.code) && isString(value.path),
);

const isScriptLine = (value: unknown): value is SandpackErrorFrame['_originalScriptCode'][number] =>
  isObject(value) &&
  isNumber(value.lineNumber) &&
  isString(value.content) &&
  isBoolean(value.highlight);

const isErrorFrame = (value: unknown): value is SandpackErrorFrame =>
  isObject(value) &&
  isString(value._originalFileName) &&
  isNumber(value._originalLineNumber) &&
  isNumber(value._originalColumnNumber) &&
  isArrayOf(isScriptLine)(value._originalScriptCode);

const isEnvelope = (value: Fields): boolean =>
  value.codesandbox === true && isOptional(isNumber)(value.$id);

const RUNTIME_EVENT_FIELDS: Record<RuntimeEvent['type'], (value: Fields) => boolean> = {
  initialized: (v) => isOptional(isString)(v.url),
  start: (v) => isBoolean(v.firstLoad),
  status: (v) => isOneOf('transpiling', 'evaluating', 'idle')(v.status),
  success: () => true,
  done: (v) => isBoolean(v.compilatonError),
  action: (v) =>
    v.action === 'show-error' &&
    isString(v.title) &&
    isString(v.message) &&
    isOptional(isString)(v.path) &&
    isOptional(isNumber)(v.line) &&
    isOptional(isNumber)(v.column) &&
    isObject(v.payload) &&
    isOptional(isArrayOf(isErrorFrame))(v.payload.frames),
  console: (v) => isNumber(v.runId) && isArrayOf(isOutputEntry)(v.log),
  'sandbox/pong': (v) => isNumber(v.id),
  'sandbox/steps': (v) => isNumber(v.id) && isStepTrace(v.trace),
  'sandbox/trace': (v) =>
    isNumber(v.runId) && isArrayOf(isTraceEvent)(v.events) && isNumber(v.dropped),
  'sandbox/run-state': (v) =>
    isNumber(v.runId) &&
    isOneOf<RunState>('running', 'done', 'error', 'stopped')(v.state) &&
    isNumber(v.elapsed) &&
    isNumber(v.dropped) &&
    isOptional(isBoolean)(v.internal),
};

/** A runtime -> docs page event, envelope or not. */
export function isRuntimeEvent(value: unknown): value is RuntimeEvent {
  return safely(() => {
    if (
      !isObject(value) ||
      !isString(value.type) ||
      !Object.hasOwn(RUNTIME_EVENT_FIELDS, value.type)
    ) {
      return false;
    }
    return RUNTIME_EVENT_FIELDS[value.type as RuntimeEvent['type']](value);
  });
}

/** A runtime -> docs page message as it travels: an event in Sandpack's envelope. */
export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  return isRuntimeEvent(value) && safely(() => isEnvelope(value));
}

export function isRegisterFrame(value: unknown): value is RegisterFrameMessage {
  return safely(
    () =>
      isObject(value) &&
      value.type === 'register-frame' &&
      isString(value.origin) &&
      isNumber(value.id),
  );
}

const CLIENT_MESSAGE_FIELDS: Record<ClientToRuntime['type'], (value: Fields) => boolean> = {
  compile: (v) =>
    isSandpackModules(v.modules) &&
    isOptional(isBoolean)(v.isInitializationCompile) &&
    isOptional(isBoolean)(v.skipEval),
  'sandbox/run': (v) => isSandpackModules(v.modules) && isOptional(isBoolean)(v.trace),
  'sandbox/stop': () => true,
  'sandbox/ping': (v) => isNumber(v.id),
  'sandbox/test-hang': (v) => isOptional(isNumber)(v.ms),
  'sandbox/step': (v) => isNumber(v.id) && isSandpackModules(v.modules),
};

/** A docs page -> runtime message (in Sandpack's envelope). */
export function isClientToRuntime(value: unknown): value is ClientToRuntime {
  return safely(
    () =>
      isObject(value) &&
      isEnvelope(value) &&
      isString(value.type) &&
      Object.hasOwn(CLIENT_MESSAGE_FIELDS, value.type) &&
      CLIENT_MESSAGE_FIELDS[value.type as ClientToRuntime['type']](value),
  );
}

// Hop 2 and 3

const isLinkableModule = (value: unknown): value is LinkableModule =>
  isObject(value) &&
  isString(value.path) &&
  isString(value.code) &&
  isArrayOf(
    (i: unknown): i is LinkableModule['imports'][number] =>
      isObject(i) && isNumber(i.start) && isNumber(i.end) && isString(i.target),
  )(value.imports);

export function isContextConfig(value: unknown): value is ContextConfig {
  return safely(
    () =>
      isObject(value) &&
      isObject(value.program) &&
      isArrayOf(isLinkableModule)(value.program.modules) &&
      isRecordOf(isString)(value.program.sources) &&
      isString(value.entry) &&
      isString(value.contextId) &&
      isString(value.label) &&
      isNumber(value.runStartedAt) &&
      isString(value.bootstrapSource) &&
      isOptional(isString)(value.sharedMemoryNotice) &&
      isOptional(isBoolean)(value.trace),
  );
}

export function isHostToSandbox(value: unknown): value is HostToSandbox {
  return safely(
    () =>
      isObject(value) &&
      ((value.kind === 'boot' && isContextConfig(value.config)) ||
        (value.kind === 'probe' && isNumber(value.round))),
  );
}

const isErrorReport = (value: unknown): value is ErrorReport =>
  isObject(value) &&
  isOneOf<ErrorReport['kind']>('uncaught', 'unhandled-rejection', 'load')(value.kind) &&
  isString(value.text) &&
  isString(value.name) &&
  isString(value.message) &&
  isOptional(isSourceLocation)(value.location);

const isCounts = isRecordOf(isNumber);

export function isActivitySnapshot(value: unknown): value is ActivitySnapshot {
  return safely(
    () =>
      isObject(value) &&
      isString(value.contextId) &&
      isNumber(value.round) &&
      isNumber(value.timers) &&
      isNumber(value.pending) &&
      isCounts(value.sentTo) &&
      isCounts(value.receivedFrom) &&
      isNumber(value.sentToParent) &&
      isNumber(value.receivedFromParent) &&
      isArrayOf(isString)(value.children) &&
      isBoolean(value.loaded),
  );
}

const SANDBOX_MESSAGE_FIELDS: Record<SandboxToHost['kind'], (value: Fields) => boolean> = {
  output: (v) => isArrayOf(isOutputEntry)(v.entries),
  trace: (v) => isArrayOf(isTraceEvent)(v.events) && isNumber(v.dropped),
  error: (v) =>
    isString(v.contextId) && isString(v.source) && isErrorReport(v.report) && isBoolean(v.fatal),
  loaded: (v) => isString(v.contextId),
  activity: (v) => isActivitySnapshot(v.snapshot),
  closed: (v) => isString(v.contextId),
};

export function isSandboxToHost(value: unknown): value is SandboxToHost {
  return safely(
    () =>
      isObject(value) &&
      isString(value.kind) &&
      Object.hasOwn(SANDBOX_MESSAGE_FIELDS, value.kind) &&
      SANDBOX_MESSAGE_FIELDS[value.kind as SandboxToHost['kind']](value),
  );
}

export function isChildToParent(value: unknown): value is ChildToParent {
  return (
    isSandboxToHost(value) ||
    safely(
      () =>
        isObject(value) &&
        value.kind === 'user-message' &&
        'data' in value &&
        (value.trace === undefined ||
          (isSandboxToHost(value.trace) && value.trace.kind === 'trace')),
    )
  );
}

export function isFrameEvent(value: unknown): value is FrameEvent {
  return safely(
    () =>
      isObject(value) &&
      value.kind === 'worker-error' &&
      isNumber(value.id) &&
      isString(value.message),
  );
}
