// The I/O-bound benchmark: 10 tasks that each wait 1 s.
import { mapWithLimit } from './limit.ts';
import { WorkerPool } from './pool.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TASKS = Array.from({ length: 10 }, () => 1000); // 10 waits of 1 s

async function ioTask(ms: number): Promise<number> {
  await sleep(ms); // stands in for a network or database call
  return ms;
}

/** Times `run` and prints one row of the results table. */
async function row(label: string, run: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await run();
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  console.log(`${label.padEnd(24)}${seconds.padStart(6)} s`);
}

console.log(`${TASKS.length} I/O-bound tasks of 1 s each`);
await row('async, limit 5', () => mapWithLimit(TASKS, 5, ioTask));
await row('async, limit 20', () => mapWithLimit(TASKS, 20, ioTask));
await row('Promise.all, no limit', () => Promise.all(TASKS.map(ioTask)));

const pool = new WorkerPool<number, number>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  TASKS.length,
);
// A round of empty tasks starts every worker, so start-up is timed apart.
await row('worker pool start-up', () => Promise.all(TASKS.map(() => pool.run(0))));
await row(`pool of ${pool.size} workers`, () => Promise.all(TASKS.map((ms) => pool.run(ms))));
pool.terminate();
