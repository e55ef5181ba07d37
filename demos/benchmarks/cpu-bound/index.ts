// The notebook's CPU-bound benchmark: four tasks of 100M to 400M loop steps.
import { WorkerPool } from './pool.ts';
import { sumOfSquares } from './squares.ts';

const TASKS = [100, 200, 300, 400].map((millions) => millions * 1_000_000);

/** Times `run`, prints one row of the results table, and returns the seconds. */
async function row(label: string, run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(28)}${seconds.toFixed(2).padStart(6)} s`);
  return seconds;
}

// eslint-disable-next-line @typescript-eslint/require-await -- async without await, on purpose
const onMainThread = async (n: number) => sumOfSquares(n);

const size = Math.min(navigator.hardwareConcurrency, TASKS.length);
const pool = new WorkerPool<number, number>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  size,
);

sumOfSquares(10_000_000); // warm-up: let the JIT compile the loop before timing it

console.log('4 CPU-bound tasks (100M + 200M + 300M + 400M steps)');
const sequential = await row('main thread, in a loop', () => TASKS.map(sumOfSquares));
const together = await row('main thread, Promise.all', () => Promise.all(TASKS.map(onMainThread)));
// A round of empty tasks starts every worker, so start-up is timed apart.
await row('worker pool start-up', () => Promise.all(TASKS.map(() => pool.run(0))));
const parallel = await row(`pool of ${size} workers`, () =>
  Promise.all(TASKS.map((n) => pool.run(n))),
);
pool.terminate();

console.log(`Promise.all vs loop: ${(sequential / together).toFixed(1)}× (about 1: no speedup)`);
console.log(`worker pool vs loop: ${(sequential / parallel).toFixed(1)}×`);
console.log(
  `limit with these tasks: ${(1000 / 400).toFixed(1)}× (the largest task is 40% of the work)`,
);
