/**
 * A run's timeline from what its contexts recorded (protocol.ts
 * `TraceEvent`) and what it printed: lanes per thread, busy slices, timers
 * and fetches in flight, message arrows, console marks. Pure, so the
 * pairing rules (a span without its end is pending, a message is matched to
 * its receipt by path and ordinal) are unit-tested.
 */
import type { OutputEntry, TraceEvent } from '../../../runtime/protocol';
import type { TimelineData, TimelineItem, TimelineLane } from '../types';

export interface RunRecord {
  events: readonly TraceEvent[];
  /** Events the runtime did not keep (over its cap). */
  dropped: number;
  entries: readonly OutputEntry[];
  /** Whether the run still goes on: pending spans end at `elapsed` either way. */
  running: boolean;
  /** Wall time of the run, ms: where a run that ended or was stopped ends. */
  elapsed: number;
}

/** "0" → "main", "0.1" → "worker 1", "0.1.2" → "worker 1.2": the lane's `data-lane`. */
export function laneName(context: string): string {
  if (context === '0') return 'main';
  return `worker ${context.split('.').slice(1).join('.')}`;
}

const compareContexts = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
};

const LOG_LABEL = 80;

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > LOG_LABEL ? `${line.slice(0, LOG_LABEL - 1)}…` : line;
}

export function buildTimeline(run: RunRecord): TimelineData {
  const labels = new Map<string, string>();
  const contexts = new Set<string>();
  const latest = run.events.reduce((max, event) => {
    const time = event.type === 'busy' ? event.end : 'at' in event ? event.at : 0;
    return Math.max(max, time);
  }, 0);
  const end = Math.max(run.elapsed, latest);
  const items: TimelineItem[] = [];
  const open = new Map<string, Extract<TraceEvent, { type: 'begin' }>>();
  const sends = new Map<string, Extract<TraceEvent, { type: 'send' }>>();
  const receipts = new Map<string, number>();

  for (const event of run.events) {
    contexts.add(event.context);
    switch (event.type) {
      case 'context':
        labels.set(event.context, event.label);
        break;
      case 'busy':
        items.push({
          lane: laneName(event.context),
          kind: 'busy',
          start: event.start,
          end: event.end,
          label: event.label,
        });
        break;
      case 'begin':
        if (event.child !== undefined) contexts.add(event.child);
        open.set(`${event.context}#${event.span}`, event);
        break;
      case 'end': {
        const key = `${event.context}#${event.span}`;
        const begun = open.get(key);
        if (!begun) break;
        open.delete(key);
        items.push(spanItem(begun, event.at, false, event.outcome));
        break;
      }
      case 'send':
        sends.set(`${event.context}>${event.to}#${event.n}`, event);
        break;
      case 'receive':
        receipts.set(`${event.from}>${event.context}#${event.n}`, event.at);
        break;
    }
  }
  for (const begun of open.values()) items.push(spanItem(begun, end, true, undefined));
  for (const [key, send] of sends) {
    // Each thread reads its own clock: a receipt may read a few ms before its
    // send. The arrow never points back in time.
    const received = receipts.get(key);
    const at = received === undefined ? undefined : Math.max(received, send.at);
    contexts.add(send.to);
    items.push({
      lane: laneName(send.context),
      kind: 'message',
      to: laneName(send.to),
      start: send.at,
      end: at ?? end,
      label: `message ${send.n} from ${laneName(send.context)} to ${laneName(send.to)}`,
      ...(at === undefined ? { pending: true } : {}),
    });
  }

  const byLabel = new Map<string, string>();
  for (const [context, label] of labels) byLabel.set(label, laneName(context));
  for (const entry of run.entries) {
    const lane = byLabel.get(entry.source) ?? 'main';
    if (lane === 'main') contexts.add('0');
    items.push({
      lane,
      kind: 'log',
      start: entry.at,
      end: entry.at,
      label: firstLine(entry.data[0]),
    });
  }
  if (contexts.size === 0 && run.entries.length === 0) contexts.add('0');
  const lanes: TimelineLane[] = [...contexts].sort(compareContexts).map((context) => ({
    id: laneName(context),
    label: labels.get(context) ?? laneName(context),
  }));
  return { lanes, items, duration: end, axis: 'ms' };
}

const SPAN_KINDS = { timer: 'timer', interval: 'timer', fetch: 'fetch', worker: 'thread' } as const;

function spanItem(
  begun: Extract<TraceEvent, { type: 'begin' }>,
  at: number,
  pending: boolean,
  outcome: string | undefined,
): TimelineItem {
  const lane = laneName(begun.kind === 'worker' && begun.child ? begun.child : begun.context);
  const suffix = outcome === 'cleared' ? ' (cleared)' : outcome === 'failed' ? ' (failed)' : '';
  return {
    lane,
    kind: SPAN_KINDS[begun.kind],
    start: begun.at,
    end: Math.max(at, begun.at),
    label: `${begun.label}${suffix}`,
    ...(pending ? { pending: true } : {}),
  };
}

/**
 * For drawing: busy slices shorter than a pixel's worth of time and as
 * close together become one (a 10 ms interval over minutes would otherwise be thousands of
 * invisible bars). The download keeps every slice.
 */
export function coalesce(data: TimelineData, resolution: number): TimelineData {
  const out: TimelineItem[] = [];
  const last = new Map<
    string,
    { drawn: TimelineItem; count: number; longest: TimelineItem; short: boolean }
  >();
  const sorted = [...data.items].sort((a, b) => a.start - b.start);
  for (const item of sorted) {
    if (item.kind !== 'busy') {
      out.push(item);
      continue;
    }
    const previous = last.get(item.lane);
    const short = item.end - item.start < resolution;
    // Only slices too short to see merge: a long one (a blocked thread) keeps its own bar.
    if (previous?.short && short && item.start - previous.drawn.end < resolution) {
      previous.count += 1;
      if (item.end - item.start > previous.longest.end - previous.longest.start) {
        previous.longest = item;
      }
      previous.drawn.end = Math.max(previous.drawn.end, item.end);
      // Named after its longest task, which is what the reader looks for.
      const more = previous.count - 1;
      previous.drawn.label = `${previous.longest.label ?? 'task'} and ${more} more ${more === 1 ? 'task' : 'tasks'}`;
      continue;
    }
    const drawn = { ...item };
    last.set(item.lane, { drawn, count: 1, longest: item, short });
    out.push(drawn);
  }
  return { ...data, items: out };
}
