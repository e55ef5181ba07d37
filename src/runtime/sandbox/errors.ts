/**
 * Uncaught errors and unhandled rejections of a context: printed the way
 * Node prints them, with stacks that name sandbox files, and reported
 * upward so the run can end (main) or go on (nested workers).
 */
import { inspect } from 'node-inspect-extracted';
import type { ErrorReport, SandboxToHost, SourceLocation } from '../protocol';
import type { ConsoleLine } from './console';
import { mapStack, type ModuleLocator } from './stack';

export interface ReporterDeps {
  contextId: string;
  label: string;
  isMain: boolean;
  locator: ModuleLocator;
  /** Completes promise placeholders in inspected text. */
  finish(text: string): string;
  print(line: ConsoleLine): void;
  /** Queues a message after the printed line and sends the queue at once. */
  sendNow(message: SandboxToHost): void;
}

export class ErrorReporter {
  /**
   * Where each error was thrown, noted when V8 formats its stack: by the time
   * an error is reported its stack already names sandbox files, so it can no
   * longer be mapped again.
   */
  private readonly thrownAt = new WeakMap<object, SourceLocation>();

  constructor(private readonly deps: ReporterDeps) {}

  describe(error: unknown, kind: ErrorReport['kind']): ErrorReport {
    const prefix = kind === 'unhandled-rejection' ? 'Uncaught (in promise)' : 'Uncaught';
    let location: SourceLocation | undefined;
    if (error instanceof Error && typeof error.stack === 'string') {
      const mapped = mapStack(error.stack, this.deps.locator);
      location = this.thrownAt.get(error) ?? mapped.location;
      try {
        error.stack = mapped.stack;
      } catch {
        // A frozen error keeps its own stack; the mapped one is still printed.
      }
    }
    const name = safeString(() => (error instanceof Error ? error.name : 'Error'), 'Error');
    const message = safeString(() => (error instanceof Error ? error.message : inspect(error)), '');
    const text = `${prefix} ${safeString(() => this.deps.finish(inspect(error)), message)}`;
    return { kind, text, name, message, ...(location ? { location } : {}) };
  }

  report(error: unknown, kind: ErrorReport['kind']): void {
    const report = this.describe(error, kind);
    this.deps.print({ method: 'error', stream: 'stderr', text: report.text });
    // Node ends the process on an uncaught error in the main program; nested
    // workers report theirs and the run goes on, as in a browser. Sent at
    // once: the parent may terminate this worker from its error handler.
    this.deps.sendNow({
      kind: 'error',
      contextId: this.deps.contextId,
      source: this.deps.label,
      report,
      fatal: this.deps.isMain,
    });
  }

  /** Stacks read by user code name sandbox files too, as with Node's --enable-source-maps. */
  installStackFormatter(): void {
    const V8Error = Error as ErrorConstructor & {
      prepareStackTrace?: (error: Error, frames: { toString(): string }[]) => string;
    };
    const locator = this.deps.locator;
    V8Error.prepareStackTrace = (error, frames) => {
      const head = safeString(() => String(error), 'Error');
      // V8's CallSite objects print themselves the way V8 prints stack frames.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      const raw = [head, ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');
      const mapped = mapStack(raw, locator);
      if (mapped.location) this.thrownAt.set(error, mapped.location);
      return mapped.stack;
    };
  }

  /** Listens for what user code leaves uncaught in `scope`. */
  listen(scope: EventTarget, isOurs: (promise: Promise<unknown>) => boolean): void {
    scope.addEventListener('error', (event) => {
      const error = event as ErrorEvent;
      // In a nested worker the error still travels on to the parent's Worker
      // object, where user code may listen for it, as in a browser.
      if (this.deps.isMain) error.preventDefault();
      this.report(error.error ?? new Error(error.message), 'uncaught');
    });
    scope.addEventListener('unhandledrejection', (event) => {
      const rejection = event as PromiseRejectionEvent;
      rejection.preventDefault();
      if (isOurs(rejection.promise)) return;
      this.report(rejection.reason, 'unhandled-rejection');
    });
  }
}

/** User errors may have throwing getters or `toString`s; a report must still come out. */
function safeString(read: () => unknown, fallback: string): string {
  try {
    const value = read();
    return typeof value === 'string' ? value : String(value);
  } catch {
    return fallback;
  }
}
