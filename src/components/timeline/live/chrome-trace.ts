/**
 * A run's timeline in Chrome's trace-event format (the JSON Perfetto and
 * DevTools' Performance panel open): one process, a thread per lane, busy
 * slices as complete events, timers and fetches as async spans, messages as
 * flows, console lines as instant events. Times are microseconds.
 * https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 */
import type { TimelineData } from '../types';

interface TraceEventJson {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: string;
  s?: string;
  args?: Record<string, unknown>;
}

const us = (ms: number): number => Math.round(ms * 1000);

export function chromeTrace(data: TimelineData, title: string): string {
  const tid = new Map(data.lanes.map((lane, i) => [lane.id, i + 1]));
  const events: TraceEventJson[] = [
    { name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: title } },
    ...data.lanes.map((lane, i) => ({
      name: 'thread_name',
      ph: 'M',
      pid: 1,
      tid: i + 1,
      args: { name: lane.label },
    })),
    ...data.lanes.map((_, i) => ({
      name: 'thread_sort_index',
      ph: 'M',
      pid: 1,
      tid: i + 1,
      args: { sort_index: i },
    })),
  ];
  let ids = 0;
  for (const item of data.items) {
    const thread = tid.get(item.lane) ?? 0;
    const name = item.label ?? item.kind;
    const args = item.pending ? { pending: true } : undefined;
    switch (item.kind) {
      case 'busy':
        events.push({
          name,
          cat: 'busy',
          ph: 'X',
          pid: 1,
          tid: thread,
          ts: us(item.start),
          dur: us(item.end - item.start),
        });
        break;
      case 'log':
        events.push({
          name,
          cat: 'console',
          ph: 'i',
          s: 't',
          pid: 1,
          tid: thread,
          ts: us(item.start),
        });
        break;
      case 'message': {
        const id = ++ids;
        const to = tid.get(item.to ?? '') ?? thread;
        events.push(
          { name, cat: 'message', ph: 's', id, pid: 1, tid: thread, ts: us(item.start) },
          { name, cat: 'message', ph: 'f', bp: 'e', id, pid: 1, tid: to, ts: us(item.end) },
        );
        break;
      }
      default: {
        const id = ++ids;
        const span = { name, cat: item.kind, id, pid: 1, tid: thread };
        events.push(
          { ...span, ph: 'b', ts: us(item.start), ...(args ? { args } : {}) },
          { ...span, ph: 'e', ts: us(item.end) },
        );
      }
    }
  }
  return JSON.stringify({ traceEvents: events, displayTimeUnit: 'ms' });
}
