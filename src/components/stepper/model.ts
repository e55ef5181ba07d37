/**
 * Navigation over a recorded run (`StepTrace`, runtime/protocol.ts) and the
 * text the stepper shows at each step. Pure: no DOM, so the view
 * (stepper-view.ts) is a function of (trace, index) and the tests can check
 * the moves on generated traces.
 *
 * Words used here:
 * - an index is a position in `trace.steps`, 0-based; every function clamps
 *   what it is given to the trace's steps (an empty trace has only index 0);
 * - a step's depth is the length of its call stack;
 * - a turn is a maximal run of consecutive steps with the same `turn` (the
 *   script, one microtask, one task). A turn starts at index 0 and wherever
 *   a step's `turn` differs from the step before it.
 */
import type {
  Step,
  StepEnd,
  StepFrame,
  StepJob,
  StepJobSpec,
  StepLocation,
  StepTask,
  StepTrace,
} from '../../runtime/protocol';

/** The last index of the trace (0 for an empty trace). */
export function lastIndex(trace: StepTrace): number {
  return Math.max(0, trace.steps.length - 1);
}

/** `index` as a whole number within the trace's steps. */
export function clampIndex(trace: StepTrace, index: number): number {
  if (Number.isNaN(index)) return 0;
  return Math.min(lastIndex(trace), Math.max(0, Math.trunc(index)));
}

/** Step: the next step (the last one stays where it is). */
export function stepForward(trace: StepTrace, index: number): number {
  return clampIndex(trace, clampIndex(trace, index) + 1);
}

/** Step back: the previous step (the first one stays where it is). */
export function stepBack(trace: StepTrace, index: number): number {
  return clampIndex(trace, clampIndex(trace, index) - 1);
}

/** Run to end: the last step. */
export function runToEnd(trace: StepTrace): number {
  return lastIndex(trace);
}

/** The depth of the step at `index` (0 if there is none). */
export function depthAt(trace: StepTrace, index: number): number {
  return trace.steps[index]?.stack.length ?? 0;
}

/** Whether the step at `index` starts a turn (index 0 does). */
export function startsTurn(trace: StepTrace, index: number): boolean {
  return index === 0 || trace.steps[index]?.turn !== trace.steps[index - 1]?.turn;
}

/** The first step of the turn after the one holding `index`, or the last step if it is the last turn. */
export function nextTurn(trace: StepTrace, index: number): number {
  const last = lastIndex(trace);
  for (let next = clampIndex(trace, index) + 1; next <= last; next++) {
    if (startsTurn(trace, next)) return next;
  }
  return last;
}

/**
 * The first step after `index`, in the same turn, whose depth passes `fits`
 * (given the depth at `index`); else the first step of the next turn; else
 * the last step. At the last step, the last step.
 */
function nextInTurn(
  trace: StepTrace,
  index: number,
  fits: (depth: number, from: number) => boolean,
): number {
  const from = clampIndex(trace, index);
  const last = lastIndex(trace);
  const depth = depthAt(trace, from);
  for (let next = from + 1; next <= last; next++) {
    if (startsTurn(trace, next) || fits(depthAt(trace, next), depth)) return next;
  }
  return last;
}

/**
 * Step over: the next step in the same turn whose depth is at most the
 * current one (a call made at this step runs through without stopping
 * inside it); else the first step of the next turn; else the last step.
 * Never moves backwards; moves forward unless at the last step.
 */
export function stepOver(trace: StepTrace, index: number): number {
  return nextInTurn(trace, index, (depth, from) => depth <= from);
}

/**
 * Step out: the next step in the same turn whose depth is less than the
 * current one (the current function has returned or awaited); else the first
 * step of the next turn; else the last step. At depth 0 that is the next turn.
 */
export function stepOut(trace: StepTrace, index: number): number {
  return nextInTurn(trace, index, (depth, from) => depth < from);
}

// ---------------------------------------------------------------------------
// What the view shows

/** Virtual ms as the stepper prints them: "0 ms", "1,000 ms", "2.5 ms". */
export function formatMs(ms: number): string {
  return `${ms.toLocaleString('en', { maximumFractionDigits: 1 })} ms`;
}

/** The step counter's text: "12 / 57" (1-based; "0 / 0" for an empty trace). */
export function counterText(trace: StepTrace, index: number): string {
  const total = trace.steps.length;
  return total === 0 ? '0 / 0' : `${clampIndex(trace, index) + 1} / ${total}`;
}

export interface FrameView {
  name: string;
  /** "async", "resumed after await": marks shown beside the name. */
  marks: string[];
  /** One line: "main (async, resumed after await)". */
  text: string;
}

export function describeFrame(frame: StepFrame): FrameView {
  const marks = [
    ...(frame.async ? ['async'] : []),
    ...(frame.resumed ? ['resumed after await'] : []),
  ];
  return {
    name: frame.name,
    marks,
    text: marks.length === 0 ? frame.name : `${frame.name} (${marks.join(', ')})`,
  };
}

export interface JobView {
  id: number;
  label: string;
  spec: StepJobSpec | undefined;
  /** "queued by line 12, in main" (empty if the trace does not know). */
  queuedBy: string;
  /** One line: "resume main after await, NewPromiseReactionJob, queued by line 12, in main". */
  text: string;
}

/** A microtask entry by its id in `trace.jobs` (a missing one is named by its id). */
export function describeJob(trace: StepTrace, id: number): JobView {
  const job: StepJob | undefined = trace.jobs.find((candidate) => candidate.id === id);
  if (!job)
    return { id, label: `microtask ${id}`, spec: undefined, queuedBy: '', text: `microtask ${id}` };
  const queuedBy = job.queuedBy === '' ? '' : `queued by ${job.queuedBy}`;
  return {
    id,
    label: job.label,
    spec: job.spec,
    queuedBy,
    text: [job.label, job.spec, queuedBy].filter((part) => part !== '').join(', '),
  };
}

export interface TaskView {
  id: number;
  label: string;
  kind: StepTask['kind'] | undefined;
  /** "due at 100 ms". */
  due: string;
  text: string;
}

/** A task entry by its id in `trace.tasks` (a missing one is named by its id). */
export function describeTask(trace: StepTrace, id: number): TaskView {
  const task = trace.tasks.find((candidate) => candidate.id === id);
  if (!task) return { id, label: `task ${id}`, kind: undefined, due: '', text: `task ${id}` };
  const due = `due at ${formatMs(task.due)}`;
  return { id, label: task.label, kind: task.kind, due, text: `${task.label}, ${due}` };
}

/** What runs in a turn, in words: "the script", "microtask: then callback (line 12)". */
export function describeTurn(trace: StepTrace, turn: string): string {
  if (turn === 'script') return 'the script';
  const match = /^(microtask|task):(\d+)$/.exec(turn);
  if (!match) return turn;
  const id = Number(match[2]);
  return match[1] === 'microtask'
    ? `microtask: ${describeJob(trace, id).label}`
    : `task: ${describeTask(trace, id).label}`;
}

export interface EndView {
  kind: StepEnd['kind'];
  /** The sentence shown at the end, e.g. "The program has finished." */
  title: string;
  /** The recorder's message, if any. */
  detail: string;
}

/** How the recording ended, in words. */
export function describeEnd(end: StepEnd): EndView {
  switch (end.kind) {
    case 'done':
      return { kind: end.kind, title: 'The program has finished.', detail: '' };
    case 'error':
      return {
        kind: end.kind,
        title: 'The program stopped: an exception was not caught.',
        detail: end.message,
      };
    case 'limit':
      return {
        kind: end.kind,
        title: 'This run is too long to step through; run it normally to see all of it.',
        detail: end.message,
      };
    case 'unsupported':
      return {
        kind: end.kind,
        title: `The stepper cannot record this program: it has no ${end.api}. Run it normally instead.`,
        detail: end.message,
      };
    case 'compile':
      return {
        kind: end.kind,
        title: 'The program did not compile, so there is nothing to step through.',
        detail: end.message,
      };
  }
}

export interface ConsoleLineView {
  text: string;
  stream: 'stdout' | 'stderr';
  /** "0 ms": the virtual time it was printed at. */
  at: string;
}

export function describeConsoleLine(trace: StepTrace, line: number): ConsoleLineView {
  const entry = trace.console[line];
  return entry
    ? { text: entry.text, stream: entry.stream, at: formatMs(entry.at) }
    : { text: '', stream: 'stdout', at: '' };
}

/** Everything the view shows at one step: a pure function of (trace, index). */
export interface StepView {
  /** The clamped index. */
  index: number;
  total: number;
  /** "12 / 57". */
  counter: string;
  kind: Step['kind'] | undefined;
  turn: string;
  /** "the script", "microtask: …" (empty when there is no step). */
  running: string;
  note: string;
  /** "Step 12: microtask queued: resume main after await". */
  caption: string;
  /** "4 ms". */
  clock: string;
  location: StepLocation | undefined;
  /** Innermost (top) frame first. */
  stack: FrameView[];
  /** Next to run first; `fresh`: queued since the previous step. */
  microtasks: (JobView & { fresh: boolean })[];
  tasks: (TaskView & { fresh: boolean })[];
  /** How many console lines have been printed, and how many of them by this step. */
  console: number;
  freshConsole: number;
  /** How the recording ended: at the last step, or at every step when it was cut short. */
  end: EndView | undefined;
  /** What a screen reader hears: the note, and the end at the last step. */
  announcement: string;
  atStart: boolean;
  atEnd: boolean;
  /** Whether Step over / Step out would move (they do not at the last step). */
  canStepOver: boolean;
  canStepOut: boolean;
}

export function describeStep(trace: StepTrace, index: number): StepView {
  const at = clampIndex(trace, index);
  const step = trace.steps[at];
  const previous = at > 0 ? trace.steps[at - 1] : undefined;
  const last = lastIndex(trace);
  const atEnd = at === last;
  // A recording cut short says so from its first step; a finished one at its last.
  const ended = describeEnd(trace.end);
  const end = atEnd || trace.end.kind !== 'done' ? ended : undefined;
  const note = step?.note ?? '';
  const wasQueued = (ids: number[] | undefined) => new Set(ids ?? []);
  const oldJobs = wasQueued(previous?.microtasks);
  const oldTasks = wasQueued(previous?.tasks);
  const printed = step ? Math.min(step.console, trace.console.length) : 0;
  const printedBefore = previous ? Math.min(previous.console, printed) : 0;
  return {
    index: at,
    total: trace.steps.length,
    counter: counterText(trace, at),
    kind: step?.kind,
    turn: step?.turn ?? '',
    running: step ? describeTurn(trace, step.turn) : '',
    note,
    caption: step ? `Step ${at + 1}: ${note}` : '',
    clock: formatMs(step?.clock ?? 0),
    location: step?.location,
    stack: (step?.stack ?? []).map(describeFrame).reverse(),
    microtasks: (step?.microtasks ?? []).map((id) => ({
      ...describeJob(trace, id),
      fresh: previous !== undefined && !oldJobs.has(id),
    })),
    tasks: (step?.tasks ?? []).map((id) => ({
      ...describeTask(trace, id),
      fresh: previous !== undefined && !oldTasks.has(id),
    })),
    console: printed,
    freshConsole: printed - printedBefore,
    end,
    announcement: [note, ...(atEnd ? [ended.title, ended.detail] : [])]
      .filter((part) => part !== '')
      .join(' '),
    atStart: at === 0,
    atEnd,
    canStepOver: !atEnd,
    canStepOut: !atEnd,
  };
}
