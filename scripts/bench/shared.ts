/** What every part of the bench shares: the server's address, the result rows, the tables. */
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { DistGraph } from '../dist-graph.ts';

/** `BENCH_PORT` lets two checkouts bench at once; each serves its own build. */
export const PORT = Number(process.env.BENCH_PORT ?? 4410);
export const ORIGIN = `http://localhost:${PORT}`;

/**
 * The site's service worker would precache the whole site in the background
 * of every fresh context and distort what is measured here.
 */
export const CONTEXT = { baseURL: ORIGIN, serviceWorkers: 'block' } as const;

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 360, height: 740 } as const;

interface Row {
  measure: string;
  value: string;
  target: string;
  ok: boolean | undefined;
}
const rows: Row[] = [];

/** A row of the summary table (progress on stderr; the tables on stdout at the end). */
export function report(measure: string, value: string, target = '', ok?: boolean): void {
  rows.push({ measure, value, target, ok });
  console.error(`  ${measure}: ${value}`);
}

interface Table {
  title: string;
  header: string[];
  body: string[][];
  notes: string[];
}
const tables: Table[] = [];

/** A detail table printed after the summary, with notes on how it was measured. */
export function table(title: string, header: string[], body: string[][], notes: string[]): void {
  tables.push({ title, header, body, notes });
  console.error(`  (table) ${title}`);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ms = (value: number): string => `${value.toFixed(0)} ms`;
/** "median (min–max)" of a sample, for the detail tables. */
export const spread = (values: number[], format: (value: number) => string): string =>
  values.length === 0
    ? 'n/a'
    : `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;

/** The machine's 1-minute load average now, against its core count: how noisy the numbers are. */
export function load(): string {
  return `${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`;
}

export const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A port nobody listens on now, for the browser's own DevTools endpoint. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function markdown(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    `| ${header.map((_, i) => (cells[i] ?? '').padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

export function printTables(): void {
  const lines = markdown(
    ['Measure', 'Value', 'Target', ''],
    rows.map((r) => [
      r.measure,
      r.value,
      r.target,
      r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED',
    ]),
  );
  for (const t of tables) {
    lines.push('', `### ${t.title}`, '', ...markdown(t.header, t.body));
    if (t.notes.length > 0) lines.push('', ...t.notes.map((note) => `- ${note}`));
  }
  console.log(lines.join('\n'));
}

/** The reading pages of the build as URL paths ("/", "/overview/", …): not the runtime, embeds or test fixtures. */
export function readingPaths(): string[] {
  const graph = new DistGraph(process.env.OUT_DIR ?? 'dist');
  return graph
    .pages()
    .filter((page) => !['runtime/', 'embed/', 'fixtures/'].some((dir) => page.startsWith(dir)))
    .sort()
    .map((page) => `/${page}`);
}
