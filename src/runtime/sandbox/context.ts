/**
 * Runs inside every sandbox context: the main program's worker and each
 * nested worker. All of them are Web Workers with an opaque origin (created
 * from data: URLs), so user code never touches the docs site's origin, and a
 * busy loop blocks only its own thread.
 *
 * The context links the program's modules into blob URLs of its own, installs
 * a Node-like console, tracks timers and messages so the host can tell when
 * nothing is left to do, replaces `Worker` so sandbox files can be workers,
 * and reports errors with stacks that name the sandbox's files.
 */
import { inspect } from 'node-inspect-extracted';
import {
  CONTROL_KEY,
  isControlEnvelope,
  SANDBOX_URL_BASE,
  type ActivitySnapshot,
  type ContextConfig,
  type ControlEnvelope,
  type ErrorReport,
  type HostToSandbox,
  type OutputEntry,
  type SandboxToHost,
  type SourceLocation,
} from '../protocol';
import { createConsole, PromiseInspector, type ConsoleLine } from './console';
import { mapStack, originalColumn, type ModuleLocator } from './stack';
import { startCall } from './start';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  close(): void;
  addEventListener: typeof globalThis.addEventListener;
  dispatchEvent: typeof globalThis.dispatchEvent;
}

/** The DOM's timer signatures (numeric ids), not Node's, which the project's types also know. */
type Timers = Pick<
  WindowOrWorkerGlobalScope,
  'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'
>;

const scope = globalThis as unknown as WorkerScope & typeof globalThis;
const timerScope = globalThis as unknown as Timers;
const native = {
  setTimeout: timerScope.setTimeout.bind(globalThis),
  clearTimeout: timerScope.clearTimeout.bind(globalThis),
  setInterval: timerScope.setInterval.bind(globalThis),
  clearInterval: timerScope.clearInterval.bind(globalThis),
  postMessage: scope.postMessage.bind(scope),
  close: scope.close.bind(scope),
  fetch: globalThis.fetch.bind(globalThis),
  Worker: globalThis.Worker,
};

const FLUSH_BATCH = 500;
const BURST_WINDOW_MS = 50;
const BURST_LINES = 100;

/** Linked modules of this context: blob URL <-> sandbox path, plus source maps. */
function link(config: ContextConfig): { urlOf: Map<string, string>; locator: ModuleLocator } {
  const urlOf = new Map<string, string>();
  const pathOf = new Map<string, string>();
  for (const module of config.program.modules) {
    let code = '';
    let copied = 0;
    for (const { start, end, target } of module.imports) {
      code += module.code.slice(copied, start) + (urlOf.get(target) ?? target);
      copied = end;
    }
    code += module.code.slice(copied);
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    urlOf.set(module.path, url);
    pathOf.set(url, module.path);
  }
  const generatedLines = new Map(config.program.modules.map((m) => [m.path, m.code.split('\n')]));
  const originalLines = new Map(
    Object.entries(config.program.sources).map(([path, code]) => [path, code.split('\n')]),
  );
  const locator: ModuleLocator = {
    locate(url, line, column): SourceLocation | undefined {
      const path = pathOf.get(url);
      if (!path) return undefined;
      const generated = generatedLines.get(path)?.[line - 1];
      const original = originalLines.get(path)?.[line - 1];
      if (generated === undefined || original === undefined) return { path, line, column };
      return { path, line, column: originalColumn(generated, original, column) };
    },
    isInternal(url) {
      return url.startsWith('data:') || (url.startsWith('blob:') && !pathOf.has(url));
    },
  };
  return { urlOf, locator };
}

interface Child {
  worker: Worker;
  path: string;
  sent: number;
  received: number;
}

export function startContext(config: ContextConfig): void {
  const isMain = config.contextId === '0';
  const runStart = config.runStartedAt;
  const now = (): number => performance.timeOrigin + performance.now() - runStart;
  const { urlOf, locator } = link(config);
  let bootstrapURL: string | undefined;
  const inspector = new PromiseInspector();
  inspector.install();

  // ---- upward traffic: one ordered queue, so a child's output keeps its place
  const queue: SandboxToHost[] = [];
  let outputs: OutputEntry[] = [];
  let waitingForPromises = 0;
  let flushScheduled = false;
  let entrySeq = 0;
  const sendUp = (message: SandboxToHost): void => {
    if (isMain) native.postMessage(message);
    else native.postMessage({ [CONTROL_KEY]: true, up: message } satisfies ControlEnvelope);
  };
  const sealOutputs = (): void => {
    if (outputs.length) queue.push({ kind: 'output', entries: outputs });
    outputs = [];
  };
  const flush = (): void => {
    flushScheduled = false;
    if (waitingForPromises > 0) return;
    sealOutputs();
    for (const message of queue.splice(0)) sendUp(message);
  };
  const scheduleFlush = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    native.setTimeout(flush, 0);
  };
  const enqueue = (message: SandboxToHost): void => {
    sealOutputs();
    queue.push(message);
    scheduleFlush();
  };

  // ---- console
  const pendingLines: { entry: OutputEntry; done: boolean }[] = [];
  let windowStart = 0;
  let sentInWindow = 0;
  const sink = (line: ConsoleLine): void => {
    const entry: OutputEntry = {
      method: line.method,
      id: `${config.contextId}:${runStart}:${entrySeq++}`,
      data: [line.text],
      stream: line.stream,
      source: config.label,
      at: now(),
    };
    if (!inspector.hasPlaceholders(line.text) && pendingLines.length === 0) {
      outputs.push(entry);
      // A few lines go out at once, so output printed just before a busy loop
      // is not stuck here until Stop; a flood is sent in batches instead.
      const time = performance.now();
      if (time - windowStart > BURST_WINDOW_MS) {
        windowStart = time;
        sentInWindow = 0;
      }
      if (sentInWindow < BURST_LINES || outputs.length >= FLUSH_BATCH) {
        sentInWindow += outputs.length;
        flush();
      } else scheduleFlush();
      return;
    }
    const record = { entry, done: !inspector.hasPlaceholders(line.text) };
    pendingLines.push(record);
    if (record.done) return;
    waitingForPromises++;
    queueMicrotask(() => {
      record.entry.data = [inspector.finish(record.entry.data[0])];
      record.done = true;
      waitingForPromises--;
      while (pendingLines[0]?.done) {
        const next = pendingLines.shift();
        if (next) outputs.push(next.entry);
      }
      scheduleFlush();
    });
  };
  const sandboxConsole = createConsole(sink, now);
  Object.defineProperty(globalThis, 'console', {
    value: sandboxConsole,
    configurable: true,
    writable: true,
  });

  // ---- errors
  const describe = (error: unknown, kind: ErrorReport['kind']): ErrorReport => {
    const prefix = kind === 'unhandled-rejection' ? 'Uncaught (in promise)' : 'Uncaught';
    let location: SourceLocation | undefined;
    if (error instanceof Error && typeof error.stack === 'string') {
      const mapped = mapStack(error.stack, locator);
      location = mapped.location;
      try {
        error.stack = mapped.stack;
      } catch {
        // A frozen error keeps its own stack; the mapped one is still printed.
      }
    }
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : inspect(error);
    const text = `${prefix} ${inspector.finish(inspect(error))}`;
    return { kind, text, name, message, ...(location ? { location } : {}) };
  };
  const reportError = (error: unknown, kind: ErrorReport['kind']): void => {
    const report = describe(error, kind);
    sink({ method: 'error', stream: 'stderr', text: report.text });
    // Node ends the process on an uncaught error in the main program; nested
    // workers report theirs and the run goes on, as in a browser.
    enqueue({
      kind: 'error',
      contextId: config.contextId,
      source: config.label,
      report,
      fatal: isMain,
    });
    // At once: the parent may terminate this worker from its error handler.
    flush();
  };
  // Stacks read by user code name sandbox files too, as with Node's --enable-source-maps.
  const V8Error = Error as ErrorConstructor & {
    prepareStackTrace?: (error: Error, frames: { toString(): string }[]) => string;
  };
  V8Error.prepareStackTrace = (error, frames) => {
    const head = (() => {
      try {
        return String(error);
      } catch {
        return 'Error';
      }
    })();
    // V8's CallSite objects print themselves the way V8 prints stack frames.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const raw = [head, ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');
    return mapStack(raw, locator).stack;
  };
  scope.addEventListener('error', (event: ErrorEvent) => {
    // In a nested worker the error still travels on to the parent's Worker
    // object, where user code may listen for it, as in a browser.
    if (isMain) event.preventDefault();
    reportError(event.error ?? new Error(event.message), 'uncaught');
  });
  scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    event.preventDefault();
    if (inspector.derived.has(event.promise)) return;
    reportError(event.reason, 'unhandled-rejection');
  });

  // ---- timers and other pending work, for the "is anything left to do" probe
  const timers = new Set<number>();
  let pending = 0;
  const timerFn = (kind: 'timeout' | 'interval') =>
    ((handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
      if (typeof handler !== 'function') {
        throw new TypeError('setTimeout/setInterval with a string is not supported in the sandbox');
      }
      const id: number =
        kind === 'timeout'
          ? native.setTimeout(() => {
              timers.delete(id);
              (handler as (...a: unknown[]) => void)(...args);
            }, timeout)
          : native.setInterval(handler, timeout, ...args);
      timers.add(id);
      return id;
    }) as Timers['setTimeout'];
  timerScope.setTimeout = timerFn('timeout');
  timerScope.setInterval = timerFn('interval');
  timerScope.clearTimeout = (id?: number) => {
    if (id !== undefined) timers.delete(id);
    native.clearTimeout(id);
  };
  timerScope.clearInterval = (id?: number) => {
    if (id !== undefined) timers.delete(id);
    native.clearInterval(id);
  };
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    pending++;
    try {
      return await native.fetch(...args);
    } finally {
      pending--;
    }
  };

  // ---- nested workers
  const children = new Map<string, Child>();
  let childCount = 0;
  let sentToParent = 0;
  let receivedFromParent = 0;
  let loaded = false;

  const resolveWorker = (specifier: string | URL): string => {
    const href = new URL(String(specifier), `${SANDBOX_URL_BASE}/`).href;
    const path = href.startsWith(`${SANDBOX_URL_BASE}/`)
      ? decodeURIComponent(href.slice(SANDBOX_URL_BASE.length))
      : '';
    const found = [path, `${path}.ts`, path.replace(/\.js$/, '.ts')].find((p) => urlOf.has(p));
    if (!found) {
      throw new TypeError(
        `Failed to construct 'Worker': ${String(specifier)} is not a file of this sandbox. ` +
          `Use new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }).`,
      );
    }
    return found;
  };

  class SandboxWorker extends native.Worker {
    constructor(specifier: string | URL, options?: WorkerOptions) {
      const path = resolveWorker(specifier);
      childCount += 1;
      const contextId = `${config.contextId}.${childCount}`;
      const ordinal = contextId.split('.').slice(1).join('.');
      const childConfig: ContextConfig = {
        ...config,
        entry: path,
        contextId,
        label: `worker ${ordinal} (${path})`,
      };
      const configURL = URL.createObjectURL(
        new Blob([`export default ${JSON.stringify(childConfig)};`], { type: 'text/javascript' }),
      );
      // A module worker from a data: URL keeps the opaque origin and a secure
      // context; it may statically import blob URLs made here.
      bootstrapURL ??= URL.createObjectURL(
        new Blob([config.bootstrapSource], { type: 'text/javascript' }),
      );
      const source = `import ${JSON.stringify(bootstrapURL)};import c from${JSON.stringify(configURL)};${startCall('c')}`;
      super(`data:text/javascript,${encodeURIComponent(source)}`, {
        ...(options?.name ? { name: options.name } : {}),
        type: 'module',
      });
      const child: Child = { worker: this, path, sent: 0, received: 0 };
      children.set(contextId, child);
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (isControlEnvelope(event.data)) {
          event.stopImmediatePropagation();
          if ('up' in event.data) {
            const message = event.data.up;
            if (message.kind === 'closed') children.delete(message.contextId);
            enqueue(message);
          }
          return;
        }
        child.received += 1;
      });
      // The nested context reports its own uncaught errors with a full stack;
      // stopping the default keeps the browser from raising it again here.
      this.addEventListener('error', (event) => {
        event.preventDefault();
      });
    }

    override postMessage(
      message: unknown,
      options?: Transferable[] | StructuredSerializeOptions,
    ): void {
      super.postMessage(message, options as StructuredSerializeOptions);
      const child = [...children.values()].find((c) => c.worker === this);
      if (child) child.sent += 1;
    }

    override terminate(): void {
      super.terminate();
      for (const [id, child] of children) if (child.worker === this) children.delete(id);
    }
  }
  Object.defineProperty(SandboxWorker, 'name', { value: 'Worker' });
  globalThis.Worker = SandboxWorker;

  // ---- messages from the host (main) or the parent worker (nested)
  const snapshot = (round: number): ActivitySnapshot => {
    const sentTo: Record<string, number> = {};
    const receivedFrom: Record<string, number> = {};
    for (const [id, child] of children) {
      sentTo[id] = child.sent;
      receivedFrom[id] = child.received;
    }
    return {
      contextId: config.contextId,
      round,
      timers: timers.size,
      pending,
      sentTo,
      receivedFrom,
      sentToParent,
      receivedFromParent,
      children: [...children.keys()],
      loaded,
    };
  };
  const onControl = (message: HostToSandbox): void => {
    if (message.kind !== 'probe') return;
    for (const child of children.values()) {
      // Plain Worker.prototype.postMessage: probes are not user messages.
      native.Worker.prototype.postMessage.call(child.worker, {
        [CONTROL_KEY]: true,
        down: message,
      } satisfies ControlEnvelope);
    }
    enqueue({ kind: 'activity', snapshot: snapshot(message.round) });
    flush();
  };

  // Messages that arrive while the entry module is still loading wait for its
  // handlers, as they would for a worker script that registers them at once.
  const early: MessageEvent[] = [];
  scope.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isMain) {
      event.stopImmediatePropagation();
      onControl(event.data as HostToSandbox);
      return;
    }
    if (isControlEnvelope(event.data)) {
      event.stopImmediatePropagation();
      if ('down' in event.data) onControl(event.data.down);
      return;
    }
    if (event instanceof MessageEvent && !loaded && !('replayed' in event)) {
      event.stopImmediatePropagation();
      early.push(event);
      return;
    }
    receivedFromParent += 1;
  });
  if (!isMain) {
    scope.postMessage = (
      message: unknown,
      options?: Transferable[] | StructuredSerializeOptions,
    ) => {
      // Output printed before a message must reach the parent before it.
      flush();
      sentToParent += 1;
      native.postMessage(message, options as Transferable[]);
    };
    scope.close = () => {
      flush();
      sendUp({ kind: 'closed', contextId: config.contextId });
      native.close();
    };
  }

  const entryURL = urlOf.get(config.entry);
  const load = entryURL
    ? import(/* @vite-ignore */ entryURL)
    : Promise.reject(new Error(`No module ${config.entry}`));
  load.then(
    () => {
      loaded = true;
      for (const event of early.splice(0)) {
        const replay = new MessageEvent('message', {
          data: event.data as unknown,
          ports: [...event.ports],
        });
        Object.defineProperty(replay, 'replayed', { value: true });
        scope.dispatchEvent(replay);
      }
      enqueue({ kind: 'loaded', contextId: config.contextId });
    },
    (error: unknown) => {
      loaded = true;
      reportError(error, 'uncaught');
      enqueue({ kind: 'loaded', contextId: config.contextId });
    },
  );
}
