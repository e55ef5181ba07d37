/**
 * Runs inside every sandbox context: the main program's worker and each
 * nested worker. All of them are `blob:` (classic) workers with an opaque origin
 * (made inside the sandbox frame, see host/frame.ts), so user code never
 * touches the docs site's origin, a busy loop blocks only its own thread, and
 * on a cross-origin isolated page they share memory.
 *
 * `startContext` puts the parts together: the modules linked into blob URLs
 * of this context (link.ts), a Node-like console writing to an ordered outbox
 * (sink.ts, outbox.ts), error reports with stacks that name the sandbox's
 * files (errors.ts), timers and messages kept count of for the "anything
 * left to do?" probe (activity.ts), and `Worker` for sandbox files
 * (nested.ts), and a trace of what the thread did for the timeline
 * (recorder.ts). All control traffic uses the port the loader handed over
 * (control.ts); user code shares nothing with it.
 */
import { isContextConfig, type ContextConfig } from '../protocol';
import { Activity, type Timers } from './activity';
import { createConsole, PromiseInspector } from './console';
import { ControlPort, ParentInbox, runtimeFailure } from './control';
import { ErrorReporter } from './errors';
import { hookedEntry, link } from './link';
import { loaderURL } from './loader';
import { NestedWorkers } from './nested';
import { Outbox } from './outbox';
import { Recorder } from './recorder';
import { ConsoleSink } from './sink';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  close(): void;
}

const scope = globalThis as unknown as WorkerScope & typeof globalThis;
const timerScope = globalThis as unknown as Timers;
// Taken when the bootstrap loads, before any user code can replace them.
const native = {
  setTimeout: timerScope.setTimeout.bind(globalThis),
  clearTimeout: timerScope.clearTimeout.bind(globalThis),
  setInterval: timerScope.setInterval.bind(globalThis),
  clearInterval: timerScope.clearInterval.bind(globalThis),
  close: scope.close.bind(scope),
  fetch: globalThis.fetch.bind(globalThis),
  Worker: globalThis.Worker,
};

export const MAIN_POST_WARNING =
  'Warning: postMessage() in the main program goes nowhere: it has no parent. ' +
  'To talk to a worker, call worker.postMessage().';

/** Entry point, called by the loader once `boot` arrived; never throws. */
export function startContext(config: unknown, port: MessagePort, early: MessageEvent[]): void {
  const control = new ControlPort(port);
  if (!isContextConfig(config)) {
    control.send(runtimeFailure('0', 'main', new Error('malformed start message')));
    return;
  }
  try {
    run(config, control, early);
  } catch (error) {
    control.send(runtimeFailure(config.contextId, config.label, error));
  }
}

function run(config: ContextConfig, control: ControlPort, early: MessageEvent[]): void {
  const isMain = config.contextId === '0';
  if (isMain) blockingWaitThrows();
  if (config.sharedMemoryNotice !== undefined)
    explainMissingSharedMemory(config.sharedMemoryNotice);
  const runStart = config.runStartedAt;
  const now = (): number => performance.timeOrigin + performance.now() - runStart;
  const { urlOf, locator } = link(config);
  const inspector = new PromiseInspector();
  inspector.install();

  const outbox = new Outbox(
    (message) => {
      control.send(message);
    },
    (task) => native.setTimeout(task, 0),
  );
  const recorder = config.trace === false ? undefined : startRecorder(config, now, outbox);
  const sink = new ConsoleSink(config, {
    outbox,
    inspector,
    now,
    clock: () => performance.now(),
    microtask: (task) => {
      queueMicrotask(task);
    },
  });
  Object.defineProperty(globalThis, 'console', {
    value: createConsole(sink.write, now),
    configurable: true,
    writable: true,
  });

  const errors = new ErrorReporter({
    contextId: config.contextId,
    label: config.label,
    isMain,
    locator,
    finish: (text) => inspector.finish(text),
    print: sink.write,
    sendNow: (message) => {
      // The main program's error ends the run: its trace goes first. A
      // worker's parent may end it on hearing of the error: its trace
      // follows at once, behind the report, which matters more.
      if (isMain) recorder?.flushAll();
      outbox.enqueue(message);
      if (!isMain) recorder?.flushAll();
      outbox.flush();
    },
  });
  errors.installStackFormatter();
  errors.listen(globalThis, (promise) => inspector.derived.has(promise));

  const nested = new NestedWorkers({
    config,
    NativeWorker: native.Worker,
    loaderURL: loaderURL(),
    files: new Set(urlOf.keys()),
    relay: (message) => {
      if (recorder) {
        if (message.kind === 'trace') {
          recorder.adopt(message);
          return;
        }
        // A child's trace goes up before its later messages: a run found
        // finished (by the child's activity snapshot) has all of it.
        recorder.flush();
      }
      outbox.enqueue(message);
    },
    createChannel: () => new MessageChannel(),
    recorder,
  });
  const activity = new Activity(config.contextId, () => nested.counts());
  Object.assign(timerScope, activity.timerFunctions(native, recorder));
  globalThis.fetch = activity.trackedFetch(native.fetch, recorder);
  globalThis.Worker = nested.workerClass();

  control.listen((round) => {
    nested.probe(round);
    // Before the snapshot: a run found finished has sent its whole trace.
    recorder?.flush();
    outbox.enqueue({ kind: 'activity', snapshot: activity.snapshot(round) });
    outbox.flush();
  });

  const close = (): void => {
    // Output and trace recorded before close() are not lost with the thread.
    recorder?.finish();
    outbox.flush();
    control.send({ kind: 'closed', contextId: config.contextId });
    native.close();
  };
  let warned = false;
  const parent = config.contextId.slice(0, config.contextId.lastIndexOf('.'));
  const inbox = isMain
    ? undefined
    : new ParentInbox(globalThis, early, activity, recorder && { parent, recorder });
  scope.postMessage = isMain
    ? () => {
        // Like a worker posting to a parent that does not listen: accepted and
        // dropped, but said once, since it is never what the reader meant.
        if (warned) return;
        warned = true;
        sink.write({ method: 'warn', stream: 'stderr', text: MAIN_POST_WARNING });
      }
    : (message: unknown, options?: Transferable[] | StructuredSerializeOptions) => {
        // Output printed before a message must reach the parent before it.
        outbox.flush();
        const trace = recorder?.stageSend(parent, activity.sentToParent + 1);
        try {
          control.send(
            trace
              ? { kind: 'user-message', data: message, trace }
              : { kind: 'user-message', data: message },
            options,
          );
        } catch (error) {
          recorder?.abortSend();
          throw asWorkerScopeError(error);
        }
        recorder?.commitSend();
        activity.sentToParent += 1;
      };
  scope.close = close;

  const entryURL = urlOf.get(config.entry);
  const hooked =
    entryURL && recorder
      ? hookedEntry(entryURL, () => recorder.enter(`evaluate ${config.entry}`))
      : undefined;
  const load = entryURL
    ? import(/* @vite-ignore */ hooked?.url ?? entryURL)
    : Promise.reject(new Error(`No module ${config.entry}`));
  load
    .then(
      () => {
        hooked?.dispose();
        activity.loaded = true;
        inbox?.deliver();
      },
      (error: unknown) => {
        // A module graph that fails to link never runs the hook.
        hooked?.dispose();
        activity.loaded = true;
        errors.report(error, 'uncaught');
      },
    )
    .then(
      () => {
        outbox.enqueue({ kind: 'loaded', contextId: config.contextId });
      },
      (error: unknown) => {
        control.send(runtimeFailure(config.contextId, config.label, error));
      },
    );
}

/** A recorder whose batches go up in `outbox`, and its private checkpoint channel. */
function startRecorder(config: ContextConfig, now: () => number, outbox: Outbox): Recorder {
  const checkpoint = new MessageChannel();
  const recorder = new Recorder({
    context: config.contextId,
    now,
    postCheckpoint: () => {
      checkpoint.port2.postMessage(null);
    },
    defer: (task, ms) => native.setTimeout(task, ms),
    send: (batch) => {
      outbox.enqueue(batch);
    },
  });
  checkpoint.port1.onmessage = () => {
    recorder.checkpoint();
  };
  recorder.started(config.label);
  return recorder;
}

/**
 * The main program behaves like a browser page's main thread, where
 * `Atomics.wait` throws: so a program behaves the same in the sandbox and in
 * its fork (a Vite page), and a reader learns the rule browsers enforce.
 * Workers, here as everywhere, may block. `Atomics.waitAsync` works in both.
 */
function blockingWaitThrows(): void {
  const wait = function wait(): never {
    throw new TypeError(
      'Atomics.wait cannot be called in this context: the main program runs like a browser ' +
        "page's main thread, which must not block. Use Atomics.waitAsync here, or Atomics.wait in a worker.",
    );
  };
  Object.defineProperty(Atomics, 'wait', { value: wait, writable: true, configurable: true });
}

/**
 * Browsers leave `SharedArrayBuffer` out of pages that are not cross-origin
 * isolated; a program touching it would die of a bare ReferenceError. It
 * gets the reason and the way to a page where it runs instead.
 */
function explainMissingSharedMemory(notice: string): void {
  if ('SharedArrayBuffer' in globalThis) return;
  Object.defineProperty(globalThis, 'SharedArrayBuffer', {
    get(): never {
      throw new ReferenceError(notice);
    },
    configurable: true,
  });
}

/** A clone error names the worker's own postMessage, not the port it really used. */
function asWorkerScopeError(error: unknown): unknown {
  if (!(error instanceof DOMException)) return error;
  return new DOMException(
    error.message.replace("on 'MessagePort'", "on 'DedicatedWorkerGlobalScope'"),
    error.name,
  );
}

export type ContextStart = typeof startContext;
