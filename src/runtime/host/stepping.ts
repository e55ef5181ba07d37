/**
 * The runtime page's side of the stepper: compiles the reader's code, hands
 * it to a stepper worker (engine262, see runtime/stepper/) made in the same
 * opaque-origin frame as every sandbox context, and sends the recording to
 * the docs page as `sandbox/steps`. The stepper's bundle is large, so it is
 * fetched on the first request only; after each recording a fresh worker is
 * prepared, so the next one starts warm.
 */
import {
  isSandboxToHost,
  isStepperToHost,
  STEP_TIME_LIMIT,
  type RuntimeEvent,
  type SandpackModules,
  type StepConfig,
  type StepEnd,
  type StepTrace,
} from '../protocol';
import type { CompileResult } from './compile';
import type { PreparedContext } from './session';

export interface StepperBoot {
  kind: 'boot';
  config: StepConfig;
}

export interface SteppingDeps {
  send: (event: RuntimeEvent) => void;
  compile: (modules: SandpackModules) => Promise<CompileResult>;
  /** The stepper worker's source; called on the first request, and again after a failure. */
  stepperSource: () => Promise<string>;
  prepare: (source: string) => PreparedContext<StepperBoot>;
  /** How long a recording may take, loading included, before its worker is ended. */
  answerWithin?: number;
}

/**
 * The worker stops itself at `STEP_TIME_LIMIT`; this cap is for what it
 * cannot interrupt (one huge built-in call) and a cold start on a slow phone.
 */
const ANSWER_WITHIN = STEP_TIME_LIMIT + 12_000;

/** A recording that ended before its first step: one `end` step carrying the message. */
export function endedTrace(end: Exclude<StepEnd, { kind: 'done' }>): StepTrace {
  return {
    steps: [
      {
        kind: 'end',
        note: end.message,
        stack: [],
        microtasks: [],
        tasks: [],
        console: 0,
        clock: 0,
        turn: 'script',
      },
    ],
    jobs: [],
    tasks: [],
    console: [],
    end,
    recordMs: 0,
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Stepping {
  private latest = 0;
  private source: Promise<string> | undefined;
  private spare: PreparedContext<StepperBoot> | undefined;
  /** Ends the recording in progress, if any. */
  private cancel: (() => void) | undefined;

  constructor(private readonly deps: SteppingDeps) {}

  /** Records `modules` and answers with `sandbox/steps` for `id`; a newer request ends an older one. */
  async step(id: number, modules: SandpackModules): Promise<void> {
    const token = ++this.latest;
    this.cancel?.();
    const superseded = (): boolean => token !== this.latest;
    const answer = (trace: StepTrace): void => {
      if (!superseded()) this.deps.send({ type: 'sandbox/steps', id, trace });
    };
    const result = await this.deps.compile(modules);
    if (superseded()) return;
    if (!result.ok) {
      const { title, message, location } = result.error;
      answer(
        endedTrace({
          kind: 'compile',
          message: `${title}: ${message} (${location.path.replace(/^\//, '')}:${location.line}:${location.column})`,
        }),
      );
      return;
    }
    let source: string;
    try {
      this.source ??= this.deps.stepperSource();
      source = await this.source;
    } catch (error) {
      this.source = undefined;
      answer(
        endedTrace({
          kind: 'error',
          message: `The stepper could not load (${reasonOf(error)}): the network failed, or the site was just updated. Reload the page to try again.`,
        }),
      );
      return;
    }
    if (superseded()) return;
    const context = this.spare ?? this.deps.prepare(source);
    this.spare = undefined;
    const { worker, port } = context;
    let settled = false;
    const finish = (trace: StepTrace | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.cancel = undefined;
      port.onmessage = null;
      port.close();
      worker.terminate();
      if (trace) answer(trace);
      // The next recording starts on a worker that has already loaded the engine.
      this.spare ??= this.deps.prepare(source);
    };
    this.cancel = () => {
      finish(undefined);
    };
    const within = this.deps.answerWithin ?? ANSWER_WITHIN;
    const timer = setTimeout(() => {
      finish(
        endedTrace({
          kind: 'limit',
          message: `This program is too long to step through (no answer within ${Math.round(within / 1000)} s); run it normally.`,
        }),
      );
    }, within);
    port.onmessage = (event) => {
      const message = event.data;
      if (isStepperToHost(message)) finish(message.trace);
      // The loader's own report: the bundle did not load or start.
      else if (isSandboxToHost(message) && message.kind === 'error') {
        finish(endedTrace({ kind: 'error', message: message.report.text }));
      }
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish(endedTrace({ kind: 'error', message: `The stepper failed: ${event.message}` }));
    });
    port.postMessage({
      kind: 'boot',
      config: {
        contextId: 'stepper',
        label: 'stepper',
        program: result.program,
        entry: result.entry,
      },
    });
  }
}
