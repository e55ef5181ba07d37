/**
 * What a timeline draws: lanes (threads, or any actors of an authored
 * diagram) and items on them. The live Timeline builds one from a run's
 * trace (live/model.ts); an authored figure writes one in the page (Figure
 * .astro). Both go through the same renderer (render.ts).
 */

/** Kinds with a look of their own (timeline.css); authored diagrams use the same set. */
export const ITEM_KINDS = [
  /** The thread runs JavaScript. */
  'busy',
  /** A timer from scheduling to firing (one period of an interval too). */
  'timer',
  /** A fetch in flight. */
  'fetch',
  /** Waiting on something that is not a timer (authored: a query, a lock, the network). */
  'wait',
  /** A message from one lane to another (an arrow). */
  'message',
  /** A console line (a mark: `end` equals `start`). */
  'log',
  /** A worker's life, from `new Worker` to its end. */
  'thread',
  /** Authored event-loop diagrams: a task, a microtask, the render step. */
  'task',
  'microtask',
  'render',
  /** Authored: a lock held, and the update a race loses. */
  'lock',
  'lost',
] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];

export interface TimelineLane {
  /** The lane's name in `data-lane`: "main", "worker 1", or an authored name. */
  id: string;
  /** What the lane's heading says, e.g. "worker 1 (/worker.ts)". */
  label: string;
}

export interface TimelineItem {
  lane: string;
  kind: ItemKind;
  /** In the timeline's unit (ms for runs). */
  start: number;
  end: number;
  /** Drawn in the bar when it fits, and said by the tooltip and the table. */
  label?: string;
  /** A message's receiving lane. */
  to?: string;
  /** Still in flight when the run ended (a timer pending at Stop). */
  pending?: boolean;
  /** Authored diagrams may place an item in a row of their choice (0 = the lane's first). */
  row?: number;
}

export interface TimelineData {
  lanes: TimelineLane[];
  items: TimelineItem[];
  /** Where the axis ends; by default the latest end. */
  duration?: number;
  /** How the axis is labelled: milliseconds, seconds, steps ("1", "2"…), or no axis. */
  axis?: 'ms' | 's' | 'steps' | 'none';
}
