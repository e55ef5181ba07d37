/**
 * The stepper's engine adapter: runs a reader's program in engine262 (a
 * spec-complete JavaScript engine written in JavaScript) with virtual time and
 * records every step as a `StepTrace` the UI walks forward and back. This is
 * the only module of the site that imports engine262 (pinned to one exact
 * version in package.json: its API changes between snapshots).
 *
 * The event loop is ours, not engine262's: evaluate the entry module, then
 * repeat { run microtasks one at a time until the queue is empty; take the
 * earliest timer, move the virtual clock to its due time, run it as a task }.
 * Promise jobs and `queueMicrotask` jobs share one FIFO, as HTML has one
 * microtask queue.
 */
import {
  Agent,
  BigIntValue,
  BooleanValue,
  Call,
  CreateBuiltinFunction,
  CreateNonEnumerableDataPropertyOrThrow,
  DefinePropertyOrThrow,
  Descriptor,
  FinishLoadingImportedModule,
  IsCallable,
  JSStringValue,
  ManagedRealm,
  NormalCompletion,
  NullValue,
  NumberValue,
  ObjectValue,
  OrdinaryObjectCreate,
  SourceTextModuleRecord,
  SymbolValue,
  Throw,
  ThrowCompletion,
  ToNumber,
  UndefinedValue,
  Value,
  inspect as engineInspect,
  isArrayExoticObject,
  isDateObject,
  isECMAScriptFunctionObject,
  isErrorObject,
  isFunctionObject,
  isMapObject,
  isPromiseObject,
  isProxyExoticObject,
  isRegExpObject,
  isSetObject,
  runSingleJobInQueue,
  setSurroundingAgent,
  skipDebugger,
  type Arguments,
  type EventLoop,
  type ErrorObject,
  type ExecutionContext,
  type GCMarker,
  type Job,
  type JobQueue,
  type ParseNode,
  type PlainEvaluator,
  type PromiseObject,
} from '@engine262/engine262';
import { inspect as hostInspect } from 'node-inspect-extracted';
import type {
  OutputStream,
  SandboxProgram,
  Step,
  StepConsoleLine,
  StepEnd,
  StepFrame,
  StepJob,
  StepJobSpec,
  StepLocation,
  StepTask,
  StepTrace,
} from '../protocol';
import { SANDBOX_URL_BASE, STEP_LIMIT, STEP_TIME_LIMIT, sandboxURL } from '../protocol';
import { createConsole } from '../sandbox/console';
import { VirtualTimers, type Timer } from './clock';
import {
  VIRTUAL_EPOCH_MS,
  limitMessages,
  placeText,
  plural,
  printedText,
  taskLabel,
  unsupportedMessage,
} from './labels';

export interface RecordOptions {
  stepLimit?: number;
  /** Wall-clock ms. */
  timeLimit?: number;
  /** Wall clock, ms (default `performance.now`). */
  now?: () => number;
}

/** Evaluated nodes allowed between two steps: a busy loop of expressions ends the recording. */
export const NODES_BETWEEN_STEPS = 100_000;
/** Timer tasks a recording runs at most (an interval that never stops). */
export const TIMER_TASK_LIMIT = 1000;
/** Virtual ms a recording runs at most. */
export const VIRTUAL_TIME_LIMIT = 60_000;

/**
 * Host APIs of browsers and Node the stepper does not model. Touching one
 * (reading the global, even with `typeof`) ends the recording with an
 * `unsupported` end naming it: a silent `undefined` would make the trace lie.
 * engine262 itself has no `SharedArrayBuffer` or `Atomics` (so no
 * `Atomics.waitAsync` either): they are listed here too.
 */
export const UNSUPPORTED_GLOBALS = [
  'fetch',
  'Worker',
  'SharedWorker',
  'MessageChannel',
  'MessagePort',
  'BroadcastChannel',
  'postMessage',
  'onmessage',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'setImmediate',
  'clearImmediate',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'structuredClone',
  'scheduler',
  'process',
  'require',
  'Buffer',
  'global',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'SharedArrayBuffer',
  'Atomics',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'crypto',
  'atob',
  'btoa',
  'Blob',
  'Response',
  'Request',
  'Headers',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'indexedDB',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'document',
  'window',
  'self',
  'importScripts',
] as const;

/**
 * The node types a `node` step stops before: statements and declarations a
 * reader thinks of as "one line of code", plus the body of a concise arrow
 * (`.then(v => log(v))` has no statement of its own). Sub-expressions are not
 * steps (too fine); `await` is not a node of its own either: the statement
 * holding it is the step, and the step after it shows where the function
 * resumed. Hoisted function declarations are skipped: they do nothing when
 * reached. Blocks, `try` and labels only hold other statements.
 */
const STEP_NODES: ReadonlySet<string> = new Set([
  'ExpressionStatement',
  'VariableStatement',
  'LexicalDeclaration',
  'ClassDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'IfStatement',
  'WhileStatement',
  'DoWhileStatement',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'ForAwaitStatement',
  'SwitchStatement',
  'BreakStatement',
  'ContinueStatement',
  'ExpressionBody',
]);

const ASYNC_BODIES: ReadonlySet<string> = new Set([
  'AsyncBody',
  'AsyncGeneratorBody',
  'AsyncConciseBody',
]);
const GENERATOR_BODIES: ReadonlySet<string> = new Set(['GeneratorBody', 'AsyncGeneratorBody']);

/** Ends a recording from inside the engine: thrown by hooks, caught by the driver. */
class Stop extends Error {
  constructor(readonly end: StepEnd) {
    super(end.kind === 'done' ? 'done' : end.message);
  }
}

/** A microtask in our queue: the engine's job and the id the trace knows it by. */
interface QueuedJob {
  id: number;
  job: Job;
}

/**
 * One FIFO for every microtask (promise jobs and `queueMicrotask`), as
 * HTML has one microtask queue. engine262 hands promise jobs to
 * `enqueuePromiseJob`; the other kinds never occur here (no Atomics, and no
 * garbage collection runs, so no FinalizationRegistry cleanup).
 */
class MicrotaskQueue implements JobQueue {
  readonly entries: QueuedJob[] = [];
  /** Bumped on every change, so unchanged queue snapshots can be shared between steps. */
  version = 0;
  onNewJob: JobQueue['onNewJob'] = new Set();

  constructor(private readonly identify: (job: Job) => number) {}

  push(job: Job, id: number): void {
    this.entries.push({ id, job });
    this.version++;
  }

  enqueuePromiseJob(job: Job): void {
    this.push(job, this.identify(job));
  }

  enqueueGenericJob(job: Job): void {
    this.enqueuePromiseJob(job);
  }

  enqueueTimeoutJob(job: Job): void {
    this.enqueuePromiseJob(job);
  }

  enqueueFinalizationRegistryCleanupJob(job: Job): void {
    this.enqueuePromiseJob(job);
  }

  take(): QueuedJob | undefined {
    const next = this.entries.shift();
    if (next) this.version++;
    return next;
  }

  shift(): Job | undefined {
    return this.take()?.job;
  }

  get length(): number {
    return this.entries.length;
  }

  mark(marker: GCMarker): void {
    for (const { job } of this.entries) {
      marker(job.job);
      marker(job.callerRealm);
      marker(job.callerScriptOrModule);
    }
  }
}

/** engine262's own event loop stays idle: the recorder drives every job and task itself. */
class IdleEventLoop implements EventLoop {
  readonly onNoPendingJob = new Set<() => void>();
  readonly hasPendingJobs = false;
  enqueue(): void {
    throw new Error('the stepper runs no engine262 event loop');
  }
  enqueueAsync(): void {
    throw new Error('the stepper runs no engine262 event loop');
  }
  run(): void {
    // Nothing: the recorder's own loop runs jobs.
  }
  runOnce(): void {
    // Nothing: the recorder's own loop runs jobs.
  }
  mark(): void {
    // Holds nothing.
  }
}

/**
 * engine262's two promise job closures are both named `job`; their source
 * text differs (and stays the same in a minified bundle, where names do
 * not). The recorder learns both texts from a two-line probe it runs before
 * the reader's program, so no text of the pinned version is hard-coded.
 */
const SPEC_PROBE = `Promise.resolve().then(() => {});\nnew Promise((resolve) => resolve(Promise.resolve()));`;

interface TimerCallback {
  fn: ObjectValue;
  args: Value[];
  line: number | undefined;
}

type Change =
  | { kind: 'printed'; index: number }
  | { kind: 'job'; id: number }
  | { kind: 'task'; id: number }
  | { kind: 'cleared'; id: number };

type Headline =
  | { kind: 'node'; line: number; frame: string | undefined; file: string | undefined }
  | { kind: 'microtask'; id: number }
  | { kind: 'task'; id: number }
  | { kind: 'finish'; turn: string }
  | { kind: 'end'; end: StepEnd };

interface Draft {
  step: Step;
  changes: Change[];
  headline: Headline;
}

/** What a running job did, for its label (see `labelJob`). */
interface JobRun {
  id: number;
  /** The first frame of the reader's the job pushed (built-ins such as resolvers are passed over). */
  firstFrame?: { name: string; line: number | undefined; resumed: boolean };
}

const moduleFrame: StepFrame = { name: '(module)', async: false, resumed: false };
const asyncModuleFrame: StepFrame = { name: '(module)', async: true, resumed: false };
const resumedModuleFrame: StepFrame = { name: '(module)', async: true, resumed: true };

/** Records `program` stepped from `entry`. Synchronous; never throws. */
export function recordSteps(
  program: SandboxProgram,
  entry: string,
  options: RecordOptions = {},
): StepTrace {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let recorder: Recorder | undefined;
  let end: StepEnd;
  try {
    recorder = new Recorder(program, entry, {
      stepLimit: Math.max(2, options.stepLimit ?? STEP_LIMIT),
      timeLimit: options.timeLimit ?? STEP_TIME_LIMIT,
      now,
      started,
    });
    end = recorder.run();
  } catch (error) {
    end = internalFailure(error);
  }
  const trace = recorder?.finish(end) ?? {
    steps: [],
    jobs: [],
    tasks: [],
    console: [],
    end,
  };
  return { ...trace, recordMs: Math.max(0, now() - started) };
}

function internalFailure(error: unknown): StepEnd {
  if (error instanceof Stop) return error.end;
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(reason)) {
    return {
      kind: 'error',
      message:
        'The stepper ran out of stack (recursion too deep for its engine); run this program normally.',
    };
  }
  return { kind: 'error', message: `The stepper failed: ${reason}. Run this program normally.` };
}

interface Limits {
  stepLimit: number;
  timeLimit: number;
  now: () => number;
  started: number;
}

class Recorder {
  private readonly agent: Agent;
  private readonly realm: ManagedRealm;
  private readonly queue: MicrotaskQueue;
  private readonly timers = new VirtualTimers<TimerCallback>();
  private readonly drafts: Draft[] = [];
  private readonly jobs: StepJob[] = [];
  private readonly tasks: StepTask[] = [];
  private readonly lines: StepConsoleLine[] = [];
  private changes: Change[] = [];
  /** Module records by sandbox path; import specifiers of each module by their text. */
  private readonly records = new Map<string, SourceTextModuleRecord>();
  private readonly resolutions = new Map<string, Map<string, string>>();
  /** `(timer period)` → StepTask id. */
  private readonly taskIds = new Map<Timer<TimerCallback>, number>();
  /** Rejected promises nobody handled yet, in rejection order. */
  private readonly unhandled = new Set<PromiseObject>();
  private entryPromise: PromiseObject | undefined;
  /** Learned from SPEC_PROBE: a job closure's source text → its spec name. */
  private readonly specs = new Map<string, StepJobSpec>();
  private probing = false;
  private readonly specOf = new Map<number, StepJobSpec>();
  /** The turn each execution context was first pushed in (an `await` re-pushes the same one). */
  private readonly firstTurn = new WeakMap<ExecutionContext, number>();
  private turnIndex = 0;
  private turn = 'script';
  private turnSpec: StepJobSpec | 'task' | 'script' = 'script';
  private running: JobRun | undefined;
  private jobsQueuedInThenableTurn = new Set<number>();
  private nodesSinceStep = 0;
  private nodes = 0;
  private timerTasks = 0;
  private recording = false;
  private readonly mirror: Mirror;
  private readonly hostConsole: ReturnType<typeof createConsole>;
  // Shared snapshots: unchanged queues and stacks are one array across steps.
  private microtaskSnapshot: { version: number; ids: number[] } = { version: -1, ids: [] };
  private taskSnapshot: { key: string; ids: number[] } = { key: '', ids: [] };
  private lastStack: StepFrame[] = [];
  private readonly frameCache = new WeakMap<ExecutionContext, [StepFrame, StepFrame]>();
  /**
   * The statement each frame is running (its last `node` step), by the
   * frame's environment: an async function's resumable copy of its context
   * shares it with the call's own context.
   */
  private readonly statements = new WeakMap<object, ParseNode>();
  private readonly lineCache = new Map<string, { source: string[]; code: string[] }>();

  constructor(
    private readonly program: SandboxProgram,
    private readonly entry: string,
    private readonly limits: Limits,
  ) {
    this.queue = new MicrotaskQueue((job) => this.identify(job));
    this.agent = new Agent({
      jobQueue: this.queue,
      eventLoop: () => new IdleEventLoop(),
      startEventLoop: false,
      onNodeEvaluation: (node) => {
        this.onNode(node);
      },
      hostHooks: {
        HostLoadImportedModule: (referrer, request, _hostDefined, payload) => {
          FinishLoadingImportedModule(referrer, request, payload, this.load(referrer, request));
        },
        HostPromiseRejectionTrackers: new Set([
          (promise, operation) => {
            if (operation === 'reject') this.unhandled.add(promise);
            else this.unhandled.delete(promise);
          },
        ]),
        // Date, Date.now() and Temporal.Now read the virtual clock.
        HostSystemUTCEpochNanoseconds: () =>
          BigInt(Math.round(VIRTUAL_EPOCH_MS + this.timers.now)) * 1_000_000n,
      },
    });
    setSurroundingAgent(this.agent);
    this.observeContexts();
    // A fixed seed: two recordings of one program are the same recording.
    this.realm = new ManagedRealm({ randomSeed: () => 'stepper' });
    this.mirror = new Mirror();
    this.hostConsole = createConsole(
      (line) => {
        if (line.method === 'clear') return;
        this.print(line.text, line.stream);
      },
      () => this.timers.now,
    );
  }

  // -------------------------------------------------------------------------
  // The driver

  run(): StepEnd {
    this.installGlobals();
    this.learnSpecs();
    const compiled = this.compile();
    if (compiled) return compiled;
    try {
      return this.drive();
    } catch (error) {
      if (error instanceof Stop) return error.end;
      throw error;
    }
  }

  private drive(): StepEnd {
    const record = this.records.get(this.entry);
    if (!record) return { kind: 'compile', message: `No module ${this.entry} in the program.` };
    // Linking already pushes each module's context: it belongs to the script's turn.
    this.startTurn('script', 'script');
    const pop = this.realm.pushTopContext();
    const loaded = record.LoadRequestedModules();
    if (loaded.PromiseState === 'rejected') {
      pop?.();
      return { kind: 'compile', message: this.describeError(loaded.PromiseResult) };
    }
    const linked = record.Link();
    if (linked instanceof ThrowCompletion) {
      pop?.();
      return { kind: 'compile', message: this.describeError(linked.Value) };
    }
    this.recording = true;
    const promise = skipDebugger(record.Evaluate());
    pop?.();
    this.entryPromise = promise;
    this.unhandled.delete(promise);
    const thrown = this.entryFailure();
    if (thrown) return thrown;
    this.addStep('finish', { kind: 'finish', turn: 'script' });

    for (;;) {
      while (this.queue.length > 0) {
        const next = this.queue.take();
        if (!next) break;
        const failure = this.runJob(next);
        if (failure) return failure;
      }
      const rejected = this.unhandledRejection();
      if (rejected) return rejected;
      const failure = this.runTimer();
      if (failure === 'idle') return { kind: 'done' };
      if (failure) return failure;
    }
  }

  /** The entry module's own failure: a throw at top level (or after a top-level await). */
  private entryFailure(): StepEnd | undefined {
    const promise = this.entryPromise;
    if (promise?.PromiseState !== 'rejected') return undefined;
    this.entryPromise = undefined;
    return this.uncaught(promise.PromiseResult ?? Value.undefined, 'Uncaught');
  }

  private runJob(next: QueuedJob): StepEnd | undefined {
    this.startTurn(`microtask:${next.id}`, this.specOf.get(next.id) ?? 'NewPromiseReactionJob');
    this.running = { id: next.id };
    this.addStep('microtask', { kind: 'microtask', id: next.id });
    let thrown: Value | undefined;
    runSingleJobInQueue(
      next.job,
      (error) => {
        thrown = error;
      },
      () => undefined,
    );
    this.labelJob(this.running);
    this.running = undefined;
    if (thrown) return this.uncaught(thrown, 'Uncaught');
    const entryThrew = this.entryFailure();
    if (entryThrew) return entryThrew;
    this.addStep('finish', { kind: 'finish', turn: this.turn });
    return undefined;
  }

  private runTimer(): StepEnd | 'idle' | undefined {
    const next = this.timers.order()[0];
    if (!next) return 'idle';
    if (next.due > VIRTUAL_TIME_LIMIT) {
      return { kind: 'limit', message: limitMessages.virtualTime(VIRTUAL_TIME_LIMIT) };
    }
    if (this.timerTasks >= TIMER_TASK_LIMIT) {
      return { kind: 'limit', message: limitMessages.timers(TIMER_TASK_LIMIT) };
    }
    this.timerTasks++;
    const timer = this.timers.take();
    if (!timer) return 'idle';
    const id = this.taskIds.get(timer) ?? 0;
    this.startTurn(`task:${id}`, 'task');
    this.addStep('task', { kind: 'task', id });
    const { fn, args } = timer.callback;
    let thrown: Value | undefined;
    runSingleJobInQueue(
      {
        queueName: 'timers',
        callerRealm: this.realm,
        callerScriptOrModule: this.records.get(this.entry) ?? null,
        job: function* runTimer(): PlainEvaluator<unknown> {
          return yield* Call(fn, Value.undefined, args);
        },
      },
      (error) => {
        thrown = error;
      },
      () => undefined,
    );
    const again = this.timers.finish();
    if (again) this.scheduleTask(again);
    if (thrown) return this.uncaught(thrown, 'Uncaught');
    this.addStep('finish', { kind: 'finish', turn: this.turn });
    return undefined;
  }

  private startTurn(turn: string, spec: Recorder['turnSpec']): void {
    this.turn = turn;
    this.turnSpec = spec;
    this.turnIndex++;
  }

  // -------------------------------------------------------------------------
  // Errors

  /** Prints what the site's normal runtime prints for an uncaught error, and ends the run. */
  private uncaught(error: Value, prefix: 'Uncaught' | 'Uncaught (in promise)'): StepEnd {
    const text = `${prefix} ${this.firstLine(this.formatValue(error))}`;
    this.print(text, 'stderr');
    return { kind: 'error', message: text };
  }

  private unhandledRejection(): StepEnd | undefined {
    const [promise] = this.unhandled;
    if (!promise) return undefined;
    return this.uncaught(promise.PromiseResult ?? Value.undefined, 'Uncaught (in promise)');
  }

  private firstLine(text: string): string {
    return text.split('\n', 1)[0] ?? '';
  }

  private formatValue(value: Value): string {
    try {
      return hostInspect(this.mirror.value(value, 0));
    } catch {
      return this.engineText(value);
    }
  }

  /** engine262's own `inspect`, which needs a running execution context. */
  private engineText(value: Value): string {
    const pop = this.realm.pushTopContext();
    try {
      return engineInspect(value);
    } finally {
      pop?.();
    }
  }

  /** "SyntaxError: Unexpected token (/index.ts:2:14)" from an engine262 error value. */
  private describeError(value: Value | undefined): string {
    if (!value) return 'The program could not be loaded.';
    const [head = 'Error', where] = this.engineText(value).split('\n');
    const at = where?.startsWith(SANDBOX_URL_BASE) ? where.slice(SANDBOX_URL_BASE.length) : '';
    return /^\/\S+:\d+:\d+$/.test(at) ? `${head} (${at})` : head;
  }

  // -------------------------------------------------------------------------
  // Modules

  /** Compiles every module up front, so a syntax error anywhere ends the run before it starts. */
  private compile(): StepEnd | undefined {
    for (const module of this.program.modules) {
      const resolved = new Map<string, string>();
      for (const { start, end, target } of module.imports) {
        resolved.set(module.code.slice(start, end), target);
      }
      this.resolutions.set(module.path, resolved);
      const compiled = this.realm.compileModule(module.code, {
        specifier: sandboxURL(module.path),
      });
      if (compiled instanceof ThrowCompletion) {
        return { kind: 'compile', message: this.describeError(compiled.Value) };
      }
      const record = compiled.Value;
      if (!(record instanceof SourceTextModuleRecord)) {
        return { kind: 'compile', message: `${module.path} is not a JavaScript module.` };
      }
      this.records.set(module.path, record);
    }
    return undefined;
  }

  private load(
    referrer: unknown,
    request: { Specifier: string },
  ): NormalCompletion<SourceTextModuleRecord> | ThrowCompletion {
    const from =
      referrer instanceof SourceTextModuleRecord
        ? pathOf(referrer.HostDefined?.specifier)
        : this.entry;
    const target = this.resolutions.get(from ?? this.entry)?.get(request.Specifier);
    const record = target === undefined ? undefined : this.records.get(target);
    if (record) return NormalCompletion(record);
    return Throw.TypeError('Cannot find module $1', Value(request.Specifier));
  }

  // -------------------------------------------------------------------------
  // Host globals

  private installGlobals(): void {
    const pop = this.realm.pushTopContext();
    const global = this.realm.GlobalObject;
    const define = (name: string, value: Value): void => {
      CreateNonEnumerableDataPropertyOrThrow(global, name, value);
    };
    define('console', this.makeConsole());
    define(
      'setTimeout',
      this.builtin('setTimeout', (args) => this.setTimer('setTimeout', args)),
    );
    define(
      'setInterval',
      this.builtin('setInterval', (args) => this.setTimer('setInterval', args)),
    );
    const clear = (args: Arguments): Value => {
      const [handle] = args;
      if (handle instanceof NumberValue) {
        const timer = this.timers.clear(handle.value);
        const id = timer && this.taskIds.get(timer);
        if (id !== undefined) this.changes.push({ kind: 'cleared', id });
      }
      return Value.undefined;
    };
    define('clearTimeout', this.builtin('clearTimeout', clear));
    define('clearInterval', this.builtin('clearInterval', clear));
    define(
      'queueMicrotask',
      this.builtin('queueMicrotask', (args) => this.queueMicrotask(args)),
    );
    const performance = OrdinaryObjectCreate(this.realm.Intrinsics['%Object.prototype%']);
    CreateNonEnumerableDataPropertyOrThrow(
      performance,
      'now',
      this.builtin('now', () => Value(this.timers.now)),
    );
    CreateNonEnumerableDataPropertyOrThrow(performance, 'timeOrigin', Value(VIRTUAL_EPOCH_MS));
    define('performance', performance);
    for (const api of UNSUPPORTED_GLOBALS) {
      const getter = CreateBuiltinFunction.from(() => {
        throw new Stop({ kind: 'unsupported', api, message: unsupportedMessage(api) });
      }, `get ${api}`);
      skipDebugger(
        DefinePropertyOrThrow(
          global,
          Value(api),
          Descriptor({ Get: getter, Set: Value.undefined, Enumerable: false, Configurable: true }),
        ),
      );
    }
    pop?.();
  }

  /** A host function as engine262 wants it; `steps` may throw a `Stop` or return a throw completion. */
  private builtin(
    name: string,
    steps: (args: Arguments) => Value | ThrowCompletion | PlainEvaluator<Value>,
  ): ObjectValue {
    return CreateBuiltinFunction.from(function* host(...args: (Value | undefined)[]) {
      const result = steps(args.map((arg) => arg ?? Value.undefined));
      if (result instanceof Value || result instanceof ThrowCompletion) return result;
      return yield* result;
    }, name);
  }

  private makeConsole(): ObjectValue {
    const console = OrdinaryObjectCreate(this.realm.Intrinsics['%Object.prototype%']);
    const host = this.hostConsole;
    const methods: Record<string, (...args: unknown[]) => void> = {
      log: (...a) => {
        host.log(...a);
      },
      info: (...a) => {
        host.info(...a);
      },
      debug: (...a) => {
        host.debug(...a);
      },
      warn: (...a) => {
        host.warn(...a);
      },
      error: (...a) => {
        host.error(...a);
      },
      dir: (...a) => {
        host.dir(...a);
      },
      table: (...a) => {
        host.table(...a);
      },
      group: (...a) => {
        host.group(...a);
      },
      groupCollapsed: (...a) => {
        host.groupCollapsed(...a);
      },
      groupEnd: () => {
        host.groupEnd();
      },
      count: (label) => {
        host.count(labelText(label));
      },
      countReset: (label) => {
        host.countReset(labelText(label));
      },
      time: (label) => {
        host.time(labelText(label));
      },
      timeLog: (label, ...a) => {
        host.timeLog(labelText(label), ...a);
      },
      timeEnd: (label) => {
        host.timeEnd(labelText(label));
      },
      assert: (condition, ...a) => {
        host.assert(Boolean(condition), ...a);
      },
      clear: () => undefined,
    };
    for (const [name, method] of Object.entries(methods)) {
      CreateNonEnumerableDataPropertyOrThrow(
        console,
        name,
        this.builtin(name, (args) => {
          // Labels (`count`, `time`) are strings in Node; other values print as they would.
          method(...args.map((arg) => this.mirror.value(arg, 0)));
          return Value.undefined;
        }),
      );
    }
    return console;
  }

  private print(text: string, stream: OutputStream): void {
    this.lines.push({ text, stream, at: this.timers.now });
    this.changes.push({ kind: 'printed', index: this.lines.length - 1 });
  }

  private setTimer(
    kind: 'setTimeout' | 'setInterval',
    args: Arguments,
  ): ThrowCompletion | PlainEvaluator<Value> {
    const [callback = Value.undefined, delay = Value.undefined, ...rest] = args;
    if (!(callback instanceof ObjectValue) || !IsCallable(callback)) {
      return Throw.TypeError(`${kind} needs a function to call; got $1`, callback);
    }
    const line = this.currentLine();
    const add = (ms: number): Value => {
      const timer = this.timers.add(kind, ms, {
        fn: callback,
        args: rest.map((arg) => arg ?? Value.undefined),
        line,
      });
      this.scheduleTask(timer);
      return Value(timer.handle);
    };
    return (function* schedule(): PlainEvaluator<Value> {
      let ms = 0;
      if (!(delay instanceof UndefinedValue)) {
        const number = yield* ToNumber(delay);
        if (number instanceof ThrowCompletion) return number;
        // WebIDL `long`: the fraction is dropped.
        ms = Math.trunc((number instanceof NormalCompletion ? number.Value : number).value);
      }
      return add(ms);
    })();
  }

  private scheduleTask(timer: Timer<TimerCallback>): void {
    const id = this.tasks.length + 1;
    this.taskIds.set(timer, id);
    this.tasks.push({
      id,
      kind: timer.kind,
      label: taskLabel(timer.kind, timer.delay, timer.callback.line, timer.tick),
      scheduled: timer.scheduled,
      due: timer.due,
    });
    this.changes.push({ kind: 'task', id });
  }

  private queueMicrotask(args: Arguments): Value | ThrowCompletion {
    const [callback = Value.undefined] = args;
    if (!(callback instanceof ObjectValue) || !IsCallable(callback)) {
      return Throw.TypeError('queueMicrotask needs a function to call; got $1', callback);
    }
    const id = this.register('queueMicrotask');
    const line = functionLine(callback);
    const job = this.jobs[id - 1];
    if (job) {
      job.label =
        line === undefined ? 'queueMicrotask callback' : `queueMicrotask callback (line ${line})`;
    }
    this.queue.push(
      {
        queueName: 'queueMicrotask',
        callerRealm: this.realm,
        callerScriptOrModule: this.records.get(this.entry) ?? null,
        job: function* runCallback(): PlainEvaluator<unknown> {
          return yield* Call(callback, Value.undefined, []);
        },
      },
      id,
    );
    return Value.undefined;
  }

  // -------------------------------------------------------------------------
  // Jobs: spec names and labels

  /** Runs SPEC_PROBE with steps off, noting the source text of each promise job closure. */
  private learnSpecs(): void {
    this.probing = true;
    this.realm.evaluateScript(SPEC_PROBE, { specifier: 'stepper:probe' }, () => undefined);
    // The probe queues two jobs: the reaction of `.then`, then the thenable job of `resolve(promise)`.
    const [reaction, thenable, extra] = this.queue.entries;
    const reactionText = reaction && String(reaction.job.job);
    const thenableText = thenable && String(thenable.job.job);
    if (reactionText && thenableText && reactionText !== thenableText && !extra) {
      this.specs.set(reactionText, 'NewPromiseReactionJob');
      this.specs.set(thenableText, 'NewPromiseResolveThenableJob');
    }
    this.queue.entries.length = 0;
    this.queue.version++;
    this.probing = false;
  }

  /** Our id for a promise job engine262 just queued. */
  private identify(job: Job): number {
    if (this.probing) return 0;
    const spec = this.specs.get(String(job.job)) ?? 'NewPromiseReactionJob';
    const id = this.register(spec);
    if (this.turnSpec === 'NewPromiseResolveThenableJob') this.jobsQueuedInThenableTurn.add(id);
    return id;
  }

  private register(spec: StepJobSpec): number {
    const id = this.jobs.length + 1;
    this.specOf.set(id, spec);
    this.jobs.push({
      id,
      spec,
      label:
        spec === 'NewPromiseResolveThenableJob'
          ? 'adopt a returned promise (the extra tick of return promise)'
          : 'a promise reaction (it has not run)',
      queuedBy: this.queuedBy(),
    });
    this.changes.push({ kind: 'job', id });
    return id;
  }

  /** "line 12, in main": the innermost frame of the reader's code running now. */
  private queuedBy(): string {
    const stack = this.agent.executionContextStack;
    for (let i = stack.length - 1; i >= 1; i--) {
      const context = stack[i];
      if (!context) continue;
      const frame = this.frameName(context);
      if (frame === undefined) continue;
      const line = this.lineIn(context) ?? 0;
      const path = pathOf(context.ScriptOrModule?.HostDefined?.specifier);
      return placeText(
        line,
        frame === '(module)' ? undefined : frame,
        path === this.entry ? undefined : path,
      );
    }
    return this.turn === 'script'
      ? 'the engine, at top level'
      : `the engine, in ${this.turn.replace(':', ' ')}`;
  }

  /**
   * Labels a job from what it did when it ran (the run is recorded before
   * anything is shown): an `await` continuation resumes its async function;
   * a `.then` reaction calls a function of the reader's; a reaction that
   * calls none only settles a promise (a pass-through `.then`, or the second
   * extra tick of `return promise`).
   */
  private labelJob(run: JobRun): void {
    const job = this.jobs[run.id - 1];
    if (!job) return;
    const first = run.firstFrame;
    if (job.spec === 'queueMicrotask') return;
    if (job.spec === 'NewPromiseResolveThenableJob') {
      if (first) {
        job.label = `call then of a thenable${first.line === undefined ? '' : ` (line ${first.line})`}`;
      }
      return;
    }
    if (first?.resumed) {
      job.label =
        first.name === '(anonymous)'
          ? `resume the async function of line ${first.line ?? '?'} after await`
          : `resume ${first.name} after await`;
    } else if (first) {
      job.label = first.line === undefined ? 'then callback' : `then callback (line ${first.line})`;
    } else if (this.jobsQueuedInThenableTurn.has(run.id)) {
      job.label = 'settle the promise that adopted it (the second extra tick)';
    } else {
      job.label = 'settle a promise (no callback of yours runs)';
    }
  }

  // -------------------------------------------------------------------------
  // Steps

  /** Sees every context pushed: when it first ran (for `resumed`) and what a job ran first. */
  private observeContexts(): void {
    const stack = this.agent.executionContextStack;
    const push = stack.push.bind(stack);
    stack.push = (...contexts: ExecutionContext[]): number => {
      for (const context of contexts) {
        const seen = this.firstTurn.get(context);
        if (seen === undefined) this.firstTurn.set(context, this.turnIndex);
        const run = this.running;
        if (run && !run.firstFrame && stack.length >= 1) {
          const fn = context.Function;
          if (isECMAScriptFunctionObject(fn)) {
            run.firstFrame = {
              name: functionName(fn),
              line: functionLine(fn),
              resumed: seen !== undefined && seen < this.turnIndex,
            };
          } else if (
            fn instanceof NullValue &&
            context.ScriptOrModule instanceof SourceTextModuleRecord
          ) {
            run.firstFrame = { name: '(module)', line: undefined, resumed: seen !== undefined };
          }
        }
      }
      return push(...contexts);
    };
  }

  private onNode(node: ParseNode): void {
    this.nodes++;
    this.nodesSinceStep++;
    if ((this.nodes & 1023) === 0) this.checkTime();
    if (!this.recording) return;
    if (this.nodesSinceStep > NODES_BETWEEN_STEPS) {
      throw new Stop({ kind: 'limit', message: limitMessages.busy(NODES_BETWEEN_STEPS) });
    }
    if (!STEP_NODES.has(node.type)) return;
    if (
      (node.type === 'LexicalDeclaration' || node.type === 'VariableStatement') &&
      !hasInitialiser(node)
    ) {
      return;
    }
    const context = this.agent.runningExecutionContext;
    this.statements.set(context.VariableEnvironment, node);
    const path = pathOf(context.ScriptOrModule?.HostDefined?.specifier) ?? this.entry;
    const frame = this.frameName(context);
    this.addStep(
      'node',
      {
        kind: 'node',
        line: node.location.start.line,
        frame: frame === '(module)' ? undefined : frame,
        file: path === this.entry ? undefined : path,
      },
      this.location(path, node),
    );
  }

  private checkTime(): void {
    if (this.limits.now() - this.limits.started > this.limits.timeLimit) {
      throw new Stop({ kind: 'limit', message: limitMessages.time(this.limits.timeLimit) });
    }
  }

  private addStep(kind: Step['kind'], headline: Headline, location?: StepLocation): void {
    if (kind !== 'end') {
      if (this.drafts.length >= this.limits.stepLimit - 1) {
        throw new Stop({ kind: 'limit', message: limitMessages.steps(this.limits.stepLimit) });
      }
      this.checkTime();
    }
    this.nodesSinceStep = 0;
    const step: Step = {
      kind,
      note: '',
      ...(location ? { location } : {}),
      stack: kind === 'node' || kind === 'end' ? this.frames() : [],
      microtasks: this.microtaskIds(),
      tasks: this.pendingTaskIds(),
      console: this.lines.length,
      clock: this.timers.now,
      turn: this.turn,
    };
    if (step.stack.length === 0) this.lastStack = step.stack;
    this.drafts.push({ step, changes: this.changes, headline });
    this.changes = [];
  }

  /** Where the reader's code was when a recording stopped in the middle of it (an unsupported API, a limit). */
  private stoppedAt(): StepLocation | undefined {
    const stack = this.agent.executionContextStack;
    for (let i = stack.length - 1; i >= 1; i--) {
      const context = stack[i];
      const node = context?.callSite.lastNode;
      if (context && node && this.frameName(context) !== undefined) {
        const path = pathOf(context.ScriptOrModule?.HostDefined?.specifier) ?? this.entry;
        return this.location(path, node);
      }
    }
    return undefined;
  }

  private microtaskIds(): number[] {
    if (this.microtaskSnapshot.version !== this.queue.version) {
      this.microtaskSnapshot = {
        version: this.queue.version,
        ids: this.queue.entries.map((entry) => entry.id),
      };
    }
    return this.microtaskSnapshot.ids;
  }

  private pendingTaskIds(): number[] {
    const ids = this.timers.order().map((timer) => this.taskIds.get(timer) ?? 0);
    const key = ids.join(',');
    if (key !== this.taskSnapshot.key) this.taskSnapshot = { key, ids };
    return this.taskSnapshot.ids;
  }

  /**
   * The reader's call stack, bottom first. The bottom context is always the
   * host's (the realm's top context during the script, the job's context in a
   * microtask or task) and is left out; so are built-in functions
   * (`Array.prototype.forEach`, promise resolvers): the reader did not write
   * them. What remains are module top levels and the reader's functions.
   */
  private frames(): StepFrame[] {
    const stack = this.agent.executionContextStack;
    const frames: StepFrame[] = [];
    for (let i = 1; i < stack.length; i++) {
      const context = stack[i];
      if (!context) continue;
      // An async function runs in a copy of its call's context, pushed on top of it: one frame.
      const above = stack[i + 1];
      if (
        above?.Function === context.Function &&
        above.VariableEnvironment === context.VariableEnvironment
      ) {
        continue;
      }
      const frame = this.frame(context);
      if (frame) frames.push(frame);
    }
    const last = this.lastStack;
    if (frames.length === last.length && frames.every((frame, i) => frame === last[i])) {
      return last;
    }
    this.lastStack = frames;
    return frames;
  }

  private frame(context: ExecutionContext): StepFrame | undefined {
    const seen = this.firstTurn.get(context);
    const resumed = seen !== undefined && seen < this.turnIndex;
    const fn = context.Function;
    if (fn instanceof NullValue) {
      if (!(context.ScriptOrModule instanceof SourceTextModuleRecord)) return undefined;
      // A module resumed after a top-level await runs in a later job.
      if (resumed) return resumedModuleFrame;
      return context.ScriptOrModule.HasTLA ? asyncModuleFrame : moduleFrame;
    }
    if (!isECMAScriptFunctionObject(fn)) return undefined;
    let cached = this.frameCache.get(context);
    if (!cached) {
      const name = functionName(fn);
      const async = ASYNC_BODIES.has(fn.ECMAScriptCode?.type ?? '');
      cached = [
        { name, async, resumed: false },
        { name, async, resumed: async },
      ];
      this.frameCache.set(context, cached);
    }
    return resumed ? cached[1] : cached[0];
  }

  private frameName(context: ExecutionContext): string | undefined {
    const fn = context.Function;
    if (fn instanceof NullValue) {
      return context.ScriptOrModule instanceof SourceTextModuleRecord ? '(module)' : undefined;
    }
    return isECMAScriptFunctionObject(fn) ? functionName(fn) : undefined;
  }

  /** The line the reader's code is on now (for task labels). */
  private currentLine(): number | undefined {
    const stack = this.agent.executionContextStack;
    for (let i = stack.length - 1; i >= 1; i--) {
      const context = stack[i];
      if (context && this.frameName(context) !== undefined) return this.lineIn(context);
    }
    return undefined;
  }

  /**
   * The line a frame is on: the callee of the call it is making (`.then` of a
   * chain spread over lines, `setTimeout` rather than its last argument), else
   * the statement it is running, else the last node it evaluated.
   */
  private lineIn(context: ExecutionContext): number | undefined {
    const call = context.callSite.lastCallNode;
    if (call) {
      const callee = call.CallExpression;
      const name = callee.type === 'MemberExpression' ? callee.IdentifierName : undefined;
      return (name ?? callee).location.start.line;
    }
    return (
      this.statements.get(context.VariableEnvironment)?.location.start.line ??
      context.callSite.lastNode?.location.start.line
    );
  }

  /**
   * The node's place in the TypeScript source. sucrase keeps lines and
   * leading indentation, so lines and start columns are exact; where types
   * were stripped inside the statement the end column can drift, so an end
   * at the end of the compiled line maps to the end of the source line.
   */
  private location(path: string, node: ParseNode): StepLocation {
    const { start, end } = node.location;
    // engine262's end column is the last character's; ours is one past it.
    const after = end.column + 1;
    let lines = this.lineCache.get(path);
    if (!lines) {
      const source = this.program.sources[path];
      const code = this.program.modules.find((module) => module.path === path)?.code;
      lines =
        source !== undefined && code !== undefined
          ? { source: source.split('\n'), code: code.split('\n') }
          : { source: [], code: [] };
      this.lineCache.set(path, lines);
    }
    let endColumn = after;
    const sourceLine = lines.source[end.line - 1];
    const codeLine = lines.code[end.line - 1];
    if (sourceLine !== undefined && codeLine !== undefined) {
      if (codeLine !== sourceLine) {
        endColumn =
          codeLine.slice(after - 1).trim() === ''
            ? sourceLine.trimEnd().length + 1
            : Math.min(after, sourceLine.length + 1);
      }
    }
    return { path, line: start.line, column: start.column, endLine: end.line, endColumn };
  }

  // -------------------------------------------------------------------------
  // The trace

  finish(end: StepEnd): Omit<StepTrace, 'recordMs'> {
    this.addStep('end', { kind: 'end', end }, this.stoppedAt());
    for (const [index, draft] of this.drafts.entries()) {
      const previous = this.drafts[index - 1]?.step;
      draft.step.note = this.note(draft, previous);
    }
    return {
      steps: this.drafts.map((draft) => draft.step),
      jobs: this.jobs,
      tasks: this.tasks,
      console: this.lines,
      end,
    };
  }

  /** What changed since the previous step, most important first, for a screen reader. */
  private note(draft: Draft, previous: Step | undefined): string {
    const parts: string[] = [];
    const { headline, step } = draft;
    const printed = draft.changes.filter((c) => c.kind === 'printed');
    const queued = draft.changes.filter((c) => c.kind === 'job');
    const timers = draft.changes.filter((c) => c.kind === 'task');
    const cleared = draft.changes.filter((c) => c.kind === 'cleared');
    const head = this.headlineText(headline, step, previous);
    if (headline.kind === 'microtask' || headline.kind === 'task') parts.push(head);
    if (printed.length === 1 && printed[0]) {
      parts.push(`printed: ${printedText(this.lines[printed[0].index]?.text ?? '')}`);
    } else if (printed.length > 1) {
      const last = printed.at(-1);
      parts.push(
        `printed ${plural(printed.length, 'line')}, the last: ${printedText(last ? (this.lines[last.index]?.text ?? '') : '')}`,
      );
    }
    if (queued.length > 2) parts.push(`${plural(queued.length, 'microtask')} queued`);
    else {
      for (const change of queued) {
        parts.push(`microtask queued: ${this.jobs[change.id - 1]?.label ?? ''}`);
      }
    }
    for (const change of timers) {
      const task = this.tasks[change.id - 1];
      if (task) parts.push(`timer queued: ${task.label.replace(/ \(line \d+\)$/, '')}`);
    }
    for (const change of cleared) {
      const task = this.tasks[change.id - 1];
      if (task) parts.push(`timer cleared: ${task.label.replace(/ \(line \d+\)$/, '')}`);
    }
    if (headline.kind !== 'microtask' && headline.kind !== 'task') parts.push(head);
    return parts.filter(Boolean).join('; ');
  }

  private headlineText(headline: Headline, step: Step, previous: Step | undefined): string {
    switch (headline.kind) {
      case 'node':
        return placeText(headline.line, headline.frame, headline.file);
      case 'microtask':
        return `microtask starts: ${this.jobs[headline.id - 1]?.label ?? ''}`;
      case 'task': {
        const moved = previous && previous.clock !== step.clock ? ` at ${step.clock} ms` : '';
        return `task starts${moved}: ${this.tasks[headline.id - 1]?.label ?? ''}`;
      }
      case 'finish': {
        const what = headline.turn === 'script' ? 'the script' : headline.turn.split(':')[0];
        const waiting =
          step.microtasks.length > 0
            ? `${plural(step.microtasks.length, 'microtask')} waiting`
            : step.tasks.length > 0
              ? `${plural(step.tasks.length, 'timer')} waiting`
              : 'nothing waiting';
        return `${what} finished; ${waiting}`;
      }
      case 'end':
        return headline.end.kind === 'done' ? 'the run is over' : headline.end.message;
    }
  }
}

// ---------------------------------------------------------------------------
// Helpers on engine262 values

/** Node turns a console label into a string (`${label}`); absent stays the default. */
function labelText(label: unknown): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Node's own conversion.
  return label === undefined ? undefined : String(label);
}

function pathOf(specifier: string | undefined): string | undefined {
  return specifier?.startsWith(SANDBOX_URL_BASE)
    ? specifier.slice(SANDBOX_URL_BASE.length)
    : undefined;
}

function hasInitialiser(node: ParseNode): boolean {
  const declarations: unknown =
    'BindingList' in node
      ? node.BindingList
      : 'VariableDeclarationList' in node
        ? node.VariableDeclarationList
        : undefined;
  if (!Array.isArray(declarations)) return true;
  return declarations.some(
    (declaration: unknown) =>
      typeof declaration === 'object' &&
      declaration !== null &&
      'Initializer' in declaration &&
      declaration.Initializer !== null &&
      declaration.Initializer !== undefined,
  );
}

/** A data property, looked up the prototype chain without running any getter or proxy trap. */
function dataProperty(object: ObjectValue, key: string): Value | undefined {
  let current: ObjectValue | NullValue = object;
  for (let depth = 0; current instanceof ObjectValue && depth < 100; depth++) {
    if (isProxyExoticObject(current)) return undefined;
    const descriptor = current.properties.get(key);
    if (descriptor) return descriptor.Value;
    const next: unknown = 'Prototype' in current ? current.Prototype : undefined;
    current = next instanceof ObjectValue ? next : Value.null;
  }
  return undefined;
}

function functionName(fn: ObjectValue): string {
  const name = dataProperty(fn, 'name');
  const text = name instanceof JSStringValue ? name.stringValue() : '';
  return text === '' ? '(anonymous)' : text;
}

/** The line a function of the reader's starts on. */
function functionLine(fn: ObjectValue): number | undefined {
  if (!isECMAScriptFunctionObject(fn)) return undefined;
  return fn.ECMAScriptCode?.location.start.line;
}

/**
 * engine262 values as plain host values, so the site's own console (Node's
 * `util.inspect`, node-inspect-extracted) prints them exactly as the normal
 * runtime does. Only internal slots and own data properties are read: no
 * getter, proxy trap or `toString` of the reader's runs while printing.
 * Differences from Node: getters print as `[Getter]` (as Node does) but
 * typed arrays, ArrayBuffers, WeakMaps and module namespaces print as plain
 * objects with their constructor name; error stacks are engine262's
 * (`at file:///sandbox/index.ts:3:9`); arrays show their first 101 items.
 */
type ErrorClass = new (message?: string) => Error;

class Mirror {
  private readonly objects = new Map<ObjectValue, unknown>();
  private readonly symbols = new Map<SymbolValue, symbol>();
  private readonly prototypes = new Map<string, object>();
  private readonly errorClasses = new Map<string, ErrorClass>();

  value(value: Value, depth: number): unknown {
    if (value instanceof UndefinedValue) return undefined;
    if (value instanceof NullValue) return null;
    if (value instanceof BooleanValue) return value.value;
    if (value instanceof NumberValue) return value.value;
    if (value instanceof BigIntValue) return value.value;
    if (value instanceof JSStringValue) return value.stringValue();
    if (value instanceof SymbolValue) {
      let symbol = this.symbols.get(value);
      if (!symbol) {
        symbol = Symbol(value.Description);
        this.symbols.set(value, symbol);
      }
      return symbol;
    }
    if (value instanceof ObjectValue) return this.object(value, depth);
    return undefined;
  }

  private object(object: ObjectValue, depth: number): unknown {
    const known = this.objects.get(object);
    if (known !== undefined) return known;
    if (isProxyExoticObject(object)) {
      // Node prints a proxy's target.
      const target: unknown = object.ProxyTarget;
      return target instanceof ObjectValue ? this.object(target, depth) : {};
    }
    const shallow = depth > 6;
    if (isFunctionObject(object)) {
      const stub = this.functionStub(object);
      this.objects.set(object, stub);
      if (!shallow) this.copyProperties(object, stub, depth, ['length', 'name', 'prototype']);
      return stub;
    }
    if (isArrayExoticObject(object)) {
      const array: unknown[] = [];
      this.objects.set(object, array);
      const length = dataProperty(object, 'length');
      array.length = length instanceof NumberValue ? Math.min(length.value, 2 ** 32 - 1) : 0;
      if (!shallow) this.copyProperties(object, array, depth, ['length'], 101);
      return array;
    }
    if (isErrorObject(object)) return this.error(object, depth);
    if (isPromiseObject(object)) return this.promise(object, depth);
    if (isMapObject(object)) {
      const map = new Map<unknown, unknown>();
      this.objects.set(object, map);
      if (!shallow) {
        for (const { Key, Value: entry } of object.MapData) {
          if (Key !== undefined) {
            map.set(this.value(Key, depth + 1), this.value(entry ?? Value.undefined, depth + 1));
          }
        }
      }
      return map;
    }
    if (isSetObject(object)) {
      const set = new Set<unknown>();
      this.objects.set(object, set);
      if (!shallow) {
        for (const item of object.SetData)
          if (item !== undefined) set.add(this.value(item, depth + 1));
      }
      return set;
    }
    if (isDateObject(object)) {
      const date = new Date(object.DateValue);
      this.objects.set(object, date);
      return date;
    }
    if (isRegExpObject(object)) {
      let regexp: RegExp;
      try {
        regexp = new RegExp(object.OriginalSource, object.OriginalFlags);
      } catch {
        regexp = new RegExp(object.OriginalSource.replace(/[\\/]/g, '\\$&'));
      }
      this.objects.set(object, regexp);
      return regexp;
    }
    const plain = this.ordinary(object);
    this.objects.set(object, plain);
    if (!shallow) this.copyProperties(object, plain, depth, []);
    return plain;
  }

  /** An object with the same constructor name (`Point { x: 1 }`) and a null prototype kept. */
  private ordinary(object: ObjectValue): object {
    const proto: unknown = 'Prototype' in object ? object.Prototype : undefined;
    if (!(proto instanceof ObjectValue)) return Object.create(null) as object;
    const constructor = dataProperty(proto, 'constructor');
    const name = constructor instanceof ObjectValue ? functionName(constructor) : '';
    if (name === 'Object' || name === '(anonymous)' || name === '') return {};
    let prototype = this.prototypes.get(name);
    if (!prototype) {
      const ctor = function (): void {
        // Only its name and prototype matter: Node's inspect prints `Name {}`.
      };
      Object.defineProperty(ctor, 'name', { value: name });
      prototype = Object.create(Object.prototype, {
        constructor: { value: ctor, configurable: true, writable: true },
      }) as object;
      ctor.prototype = prototype;
      this.prototypes.set(name, prototype);
    }
    return Object.create(prototype) as object;
  }

  private functionStub(fn: ObjectValue): object {
    const name = functionName(fn) === '(anonymous)' ? '' : functionName(fn);
    // Stand-ins: Node's inspect prints only their kind and name ([class A], [AsyncFunction: f]).
    /* eslint-disable @typescript-eslint/no-extraneous-class, @typescript-eslint/require-await, @typescript-eslint/no-empty-function */
    let stub: object;
    if ('IsClassConstructor' in fn && fn.IsClassConstructor === true) {
      stub = class {};
    } else if (isECMAScriptFunctionObject(fn)) {
      const body = fn.ECMAScriptCode?.type ?? '';
      if (body === 'AsyncGeneratorBody') {
        stub = async function* () {
          yield undefined;
        };
      } else if (GENERATOR_BODIES.has(body)) {
        stub = function* () {
          yield undefined;
        };
      } else if (ASYNC_BODIES.has(body)) {
        stub = async () => {};
      } else {
        stub = () => undefined;
      }
    } else {
      stub = () => undefined;
    }
    /* eslint-enable @typescript-eslint/no-extraneous-class, @typescript-eslint/require-await, @typescript-eslint/no-empty-function */
    Object.defineProperty(stub, 'name', { value: name });
    return stub;
  }

  private error(object: ErrorObject, depth: number): Error {
    const message = dataProperty(object, 'message');
    const name = dataProperty(object, 'name');
    const text = message instanceof JSStringValue ? message.stringValue() : '';
    // The same constructor name (`TypeError`, a class of the reader's): Node prints it.
    const proto: unknown = 'Prototype' in object ? object.Prototype : undefined;
    const constructor =
      proto instanceof ObjectValue ? dataProperty(proto, 'constructor') : undefined;
    const ctorName = constructor instanceof ObjectValue ? functionName(constructor) : 'Error';
    const ErrorType = this.errorClass(ctorName);
    const error = new ErrorType(text);
    this.objects.set(object, error);
    if (name instanceof JSStringValue) {
      Object.defineProperty(error, 'name', { value: name.stringValue(), configurable: true });
    }
    const head = object.HostDefinedMessageString;
    const frames = object.HostDefinedFormattedStack;
    error.stack =
      typeof head === 'string' && typeof frames === 'string'
        ? head + frames
        : `${error.name}: ${error.message}`;
    this.copyProperties(object, error, depth, ['stack', 'message']);
    return error;
  }

  private errorClass(name: string): ErrorClass {
    const standard: Record<string, ErrorClass> = {
      Error,
      TypeError,
      RangeError,
      SyntaxError,
      ReferenceError,
      EvalError,
      URIError,
    };
    const known = standard[name];
    if (known) return known;
    const cached = this.errorClasses.get(name);
    if (cached) return cached;
    const made: ErrorClass = class extends Error {};
    Object.defineProperty(made, 'name', { value: name });
    this.errorClasses.set(name, made);
    return made;
  }

  private promise(object: PromiseObject, depth: number): object {
    const state = object.PromiseState;
    const result = object.PromiseResult;
    const holder: Record<symbol, unknown> = {};
    this.objects.set(object, holder);
    const inner =
      state === 'pending' ? undefined : this.value(result ?? Value.undefined, depth + 1);
    holder[Symbol.for('nodejs.util.inspect.custom')] = (
      _depth: number,
      options: object,
      inspectValue: (value: unknown, options: object) => string,
    ): string => {
      const text =
        state === 'pending'
          ? '<pending>'
          : state === 'fulfilled'
            ? inspectValue(inner, options)
            : `<rejected> ${inspectValue(inner, options)}`;
      return text.includes('\n')
        ? `Promise {\n${text.replace(/^/gm, '  ')}\n}`
        : `Promise { ${text} }`;
    };
    return holder;
  }

  /** Own enumerable properties in JS order (integer keys, strings, symbols); getters as stubs. */
  private copyProperties(
    from: ObjectValue,
    to: object,
    depth: number,
    skip: readonly string[],
    maxIndexes = Infinity,
  ): void {
    const indexes: [number, Value | undefined, boolean][] = [];
    const named: [string | symbol, Value | undefined, boolean][] = [];
    const symbols: [symbol, Value | undefined, boolean][] = [];
    for (const [key, descriptor] of from.properties.entries()) {
      if (!descriptor.Enumerable) continue;
      const accessor = descriptor.Value === undefined;
      if (key instanceof JSStringValue) {
        const text = key.stringValue();
        if (skip.includes(text)) continue;
        const index = Number(text);
        if (
          String(index) === text &&
          Number.isInteger(index) &&
          index >= 0 &&
          index < 2 ** 32 - 1
        ) {
          indexes.push([index, descriptor.Value, accessor]);
        } else {
          named.push([text, descriptor.Value, accessor]);
        }
      } else {
        const symbol = this.value(key, depth);
        if (typeof symbol === 'symbol') symbols.push([symbol, descriptor.Value, accessor]);
      }
    }
    indexes.sort((a, b) => a[0] - b[0]);
    const define = (key: string | symbol, value: Value | undefined, accessor: boolean): void => {
      Object.defineProperty(
        to,
        key,
        accessor
          ? { get: () => undefined, enumerable: true, configurable: true }
          : {
              value: this.value(value ?? Value.undefined, depth + 1),
              enumerable: true,
              configurable: true,
              writable: true,
            },
      );
    };
    for (const [index, value, accessor] of indexes.slice(0, maxIndexes)) {
      define(String(index), value, accessor);
    }
    for (const [key, value, accessor] of named) define(key, value, accessor);
    for (const [key, value, accessor] of symbols) define(key, value, accessor);
  }
}
