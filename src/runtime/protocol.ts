/**
 * The one description of every message the sandbox runtime exchanges.
 *
 * Three hops, three vocabularies:
 *  1. docs page (sandpack-react client) <-> runtime page: Sandpack's own
 *     postMessage protocol (see the Sandpack runtime protocol reference), plus
 *     a few `sandbox/*` messages of ours that ride the same envelope.
 *  2. runtime page <-> sandbox context (a Web Worker with an opaque origin):
 *     `HostToSandbox` / `SandboxToHost`.
 *  3. sandbox context <-> nested worker contexts: the same `SandboxToHost`
 *     messages relayed upward, wrapped in `ControlEnvelope` so user code never
 *     sees them.
 *
 * Both the docs page and the runtime page import this module, so the shapes
 * cannot drift apart.
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
}

export interface StopMessage extends Envelope {
  type: 'sandbox/stop';
}

export type ClientToRuntime = CompileMessage | RunMessage | StopMessage;

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

export interface SourceLocation {
  path: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

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
  | { type: 'console'; log: OutputEntry[] }
  | {
      type: 'sandbox/run-state';
      runId: number;
      state: RunState;
      /** Wall time of the run so far, in ms. */
      elapsed: number;
      /** Output entries dropped by the cap in this run. */
      dropped: number;
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
   * its children: a data: worker may import its parent's blobs, not older ones.
   */
  bootstrapSource: string;
}

export type HostToSandbox =
  /** Load the bootstrap ahead of time, so a run starts without that cost. */
  | { kind: 'prepare'; bootstrapSource: string }
  | { kind: 'boot'; config: ContextConfig }
  | { kind: 'probe'; round: number };

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
  | { kind: 'error'; contextId: string; source: string; report: ErrorReport; fatal: boolean }
  | { kind: 'loaded'; contextId: string }
  | { kind: 'activity'; snapshot: ActivitySnapshot }
  | { kind: 'closed'; contextId: string };

/** Hop 3: how control traffic travels between a context and its nested workers. */
export const CONTROL_KEY = '__sandboxControl__';

export type ControlEnvelope =
  { [CONTROL_KEY]: true; up: SandboxToHost } | { [CONTROL_KEY]: true; down: HostToSandbox };

export function isControlEnvelope(value: unknown): value is ControlEnvelope {
  return typeof value === 'object' && value !== null && CONTROL_KEY in value;
}

/** Virtual location of sandbox files, as `import.meta.url` reports them. */
export const SANDBOX_URL_BASE = 'file:///sandbox';

export function sandboxURL(path: string): string {
  return `${SANDBOX_URL_BASE}${path}`;
}

/** Longest transcript we keep per run; the rest is counted and reported as dropped. */
export const OUTPUT_HEAD_LIMIT = 2000;
export const OUTPUT_TAIL_LIMIT = 1000;
