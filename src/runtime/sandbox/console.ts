/**
 * A `console` that prints what Node prints. Values are formatted by
 * node-inspect-extracted (Node's own util.inspect, packaged for browsers);
 * this module adds what that package cannot know in a browser: the state of
 * a promise, and the console methods built on top of inspect (table, time,
 * count, assert, group).
 */
import { format, inspect, type InspectOptionsStylized } from 'node-inspect-extracted';
import { eastAsianWidth } from 'get-east-asian-width';
import type { ConsoleMethod, OutputStream } from '../protocol';

export interface ConsoleLine {
  method: ConsoleMethod;
  stream: OutputStream;
  text: string;
}

const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
// Private-use characters: they cannot occur in formatted output by accident.
const MARK = '\uE000promise:';
const MARK_END = '\uE001';
const MARK_PATTERN = /\uE000promise:(\d+)\uE001/g;

type PromiseState =
  | { state: 'pending' }
  | { state: 'fulfilled'; value: unknown }
  | { state: 'rejected'; reason: unknown };

/**
 * Promises print their state. A browser exposes no synchronous way to read it,
 * so each promise in a log call gets a placeholder and two reactions; one
 * microtask later, reactions of promises that were already settled have run
 * and the rest were pending at the time of the call (a promise resolved in
 * between queues its reaction behind our check). The line is then finished.
 */
export class PromiseInspector {
  private readonly pending = new Map<
    number,
    { promise: Promise<unknown>; settled?: PromiseState }
  >();
  private next = 0;
  /** Promises derived by our reactions; their rejections are not the reader's. */
  readonly derived = new WeakSet<Promise<unknown>>();

  install(): void {
    const placeholder = (promise: Promise<unknown>): string => this.placeholder(promise);
    // Reflect: Object.defineProperty would return Promise.prototype, which type-checks as a promise.
    Reflect.defineProperty(Promise.prototype, CUSTOM, {
      configurable: true,
      enumerable: false,
      value(this: Promise<unknown>): string {
        return placeholder(this);
      },
    });
  }

  private placeholder(promise: Promise<unknown>): string {
    const id = this.next++;
    const record: { promise: Promise<unknown>; settled?: PromiseState } = { promise };
    this.pending.set(id, record);
    const derived = promise.then(
      (value) => {
        record.settled ??= { state: 'fulfilled', value };
      },
      (reason: unknown) => {
        record.settled ??= { state: 'rejected', reason };
      },
    );
    this.derived.add(derived);
    return `${MARK}${id}${MARK_END}`;
  }

  /** Resolves once every placeholder in `text` can be replaced. */
  hasPlaceholders(text: string): boolean {
    return text.includes(MARK);
  }

  finish(text: string, options?: InspectOptionsStylized): string {
    return text.replace(MARK_PATTERN, (_, id: string) => {
      const record = this.pending.get(Number(id));
      this.pending.delete(Number(id));
      const settled = record?.settled ?? { state: 'pending' };
      const opts = { ...options, depth: 1 };
      const inner =
        settled.state === 'pending'
          ? '<pending>'
          : settled.state === 'fulfilled'
            ? this.finish(inspect(settled.value, opts))
            : `<rejected> ${this.finish(inspect(settled.reason, opts))}`;
      return inner.includes('\n')
        ? `Promise {\n${inner.replace(/^/gm, '  ')}\n}`
        : `Promise { ${inner} }`;
    });
  }
}

/** Node's `console.timeEnd` format (lib/internal/util/debuglog.js formatTime). */
export function formatDuration(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60_000) {
      if (ms >= 3_600_000) {
        hours = Math.floor(ms / 3_600_000);
        ms = ms % 3_600_000;
      }
      minutes = Math.floor(ms / 60_000);
      ms = ms % 60_000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [whole = '0', fraction = '000'] = seconds.toFixed(3).split('.');
    const head = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : String(minutes);
    return `${head}:${whole.padStart(2, '0')}.${fraction} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// Node's console.table draws with these characters (lib/internal/cli_table.js);
// no maintained package reproduces its layout, so the small renderer lives here.
const BOX = {
  topLeft: '┌',
  topMid: '┬',
  topRight: '┐',
  midLeft: '├',
  midMid: '┼',
  midRight: '┤',
  bottomLeft: '└',
  bottomMid: '┴',
  bottomRight: '┘',
  h: '─',
  v: '│',
};

/** Terminal columns: East Asian wide characters take two, combining marks none. */
function stringWidth(text: string): number {
  let width = 0;
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (/\p{Mark}/u.test(char)) continue;
    width += eastAsianWidth(code);
  }
  return width;
}

function renderTable(head: string[], columns: string[][]): string {
  const rows = Math.max(0, ...columns.map((c) => c.length));
  const widths = head.map(
    (h, i) => Math.max(stringWidth(h), ...(columns[i] ?? []).map((cell) => stringWidth(cell))) + 2,
  );
  const line = (l: string, m: string, r: string): string =>
    l + widths.map((w) => BOX.h.repeat(w)).join(m) + r;
  const row = (cells: string[]): string =>
    BOX.v +
    cells
      .map((cell, i) => {
        // Node 24 left-aligns every cell with one space of padding.
        const width = widths[i] ?? 0;
        return ` ${cell}${' '.repeat(Math.max(0, width - stringWidth(cell) - 1))}`;
      })
      .join(BOX.v) +
    BOX.v;
  const out = [
    line(BOX.topLeft, BOX.topMid, BOX.topRight),
    row(head),
    line(BOX.midLeft, BOX.midMid, BOX.midRight),
  ];
  for (let r = 0; r < rows; r++) out.push(row(columns.map((c) => c[r] ?? '')));
  out.push(line(BOX.bottomLeft, BOX.bottomMid, BOX.bottomRight));
  return out.join('\n');
}

/** Cells as Node prints them: shallow, arrays cut after three items. */
function tableCell(value: unknown): string {
  const wide =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length > 2;
  return inspect(value, { depth: wide ? -1 : 0, maxArrayLength: 3, breakLength: Infinity });
}

/** `console.table(data, columns?)` as Node renders it. */
export function formatTable(data: unknown, properties?: readonly string[]): string {
  if (data === null || typeof data !== 'object') return format(data);
  const indexHeader = data instanceof Map || data instanceof Set ? '(iteration index)' : '(index)';
  const valuesHeader = 'Values';
  const entries: [string, unknown][] =
    data instanceof Map
      ? [...(data as Map<unknown, unknown>).entries()].map(
          ([k, v], i) => [String(i), { Key: k, Values: v }] as [string, unknown],
        )
      : data instanceof Set
        ? [...data].map((v, i) => [String(i), v] as [string, unknown])
        : Array.isArray(data)
          ? data.map((v: unknown, i) => [String(i), v] as [string, unknown])
          : Object.entries(data);
  const keys: string[] = [];
  const hasPrimitive = entries.some(([, v]) => v === null || typeof v !== 'object');
  for (const [, value] of entries) {
    if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) if (!keys.includes(key)) keys.push(key);
    }
  }
  const shown = properties ? [...properties] : keys;
  const index = entries.map(([k]) => k);
  const columns = shown.map((key) =>
    entries.map(([, v]) =>
      v !== null && typeof v === 'object' && key in v
        ? tableCell((v as Record<string, unknown>)[key])
        : '',
    ),
  );
  const head = [indexHeader, ...shown];
  const body = [index, ...columns];
  if (hasPrimitive) {
    head.push(valuesHeader);
    body.push(entries.map(([, v]) => (v === null || typeof v !== 'object' ? tableCell(v) : '')));
  }
  return renderTable(head, body);
}

export type ConsoleSink = (line: ConsoleLine) => void;

/** Builds the console object installed in every sandbox context. */
export function createConsole(sink: ConsoleSink, now: () => number): Console {
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const emit = (method: ConsoleMethod, stream: OutputStream, text: string): void => {
    sink({ method, stream, text: indent ? text.replace(/^/gm, indent) : text });
  };
  const printer =
    (method: ConsoleMethod, stream: OutputStream) =>
    (...args: unknown[]): void => {
      emit(method, stream, format(...args));
    };

  const sandboxConsole = {
    log: printer('log', 'stdout'),
    info: printer('info', 'stdout'),
    debug: printer('debug', 'stdout'),
    warn: printer('warn', 'stderr'),
    error: printer('error', 'stderr'),
    dir(value: unknown, options?: object): void {
      emit('log', 'stdout', inspect(value, { customInspect: false, ...options }));
    },
    dirxml(...args: unknown[]): void {
      emit('log', 'stdout', format(...args));
    },
    trace(...args: unknown[]): void {
      const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
      emit('error', 'stderr', `Trace${args.length ? `: ${format(...args)}` : ''}\n${stack}`);
    },
    table(data: unknown, properties?: readonly string[]): void {
      emit('table', 'stdout', formatTable(data, properties));
    },
    clear(): void {
      emit('clear', 'stdout', '');
    },
    group(...args: unknown[]): void {
      if (args.length) emit('log', 'stdout', format(...args));
      indent += '  ';
    },
    groupCollapsed(...args: unknown[]): void {
      sandboxConsole.group(...args);
    },
    groupEnd(): void {
      indent = indent.slice(2);
    },
    count(label = 'default'): void {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      emit('count', 'stdout', `${label}: ${n}`);
    },
    countReset(label = 'default'): void {
      if (!counts.has(label)) emit('warn', 'stderr', `Count for '${label}' does not exist`);
      counts.set(label, 0);
    },
    time(label = 'default'): void {
      if (timers.has(label)) {
        emit('warn', 'stderr', `Warning: Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, now());
    },
    timeLog(label = 'default', ...data: unknown[]): void {
      const started = timers.get(label);
      if (started === undefined) {
        emit('warn', 'stderr', `Warning: No such label '${label}' for console.timeLog()`);
        return;
      }
      const extra = data.length ? ` ${format(...data)}` : '';
      emit('time', 'stdout', `${label}: ${formatDuration(now() - started)}${extra}`);
    },
    timeEnd(label = 'default'): void {
      const started = timers.get(label);
      if (started === undefined) {
        emit('warn', 'stderr', `Warning: No such label '${label}' for console.timeEnd()`);
        return;
      }
      timers.delete(label);
      emit('timeEnd', 'stdout', `${label}: ${formatDuration(now() - started)}`);
    },
    assert(condition?: unknown, ...data: unknown[]): void {
      if (condition) return;
      const [first, ...rest] = data;
      const text =
        data.length === 0
          ? 'Assertion failed'
          : typeof first === 'string'
            ? format(`Assertion failed: ${first}`, ...rest)
            : `Assertion failed ${format(...data)}`;
      emit('assert', 'stderr', text);
    },
    timeStamp(): void {
      // Profiler-only in browsers and Node; nothing to print.
    },
    profile(): void {
      // Profiler-only; nothing to print.
    },
    profileEnd(): void {
      // Profiler-only; nothing to print.
    },
  };
  return sandboxConsole as unknown as Console;
}
