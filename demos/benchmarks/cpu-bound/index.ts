// The CPU-bound benchmark: four tasks of 100M to 400M loop steps.
import { WorkerPool } from './pool.ts';
import { sumOfSquares, type Timed } from './squares.ts';

const TASKS = [100, 200, 300, 400].map((millions) => millions * 1_000_000);

/** Times `run`, prints one row of the results table, and returns the seconds. */
async function row(label: string, run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(28)}${seconds.toFixed(2).padStart(6)} s`);
  return seconds;
}

/** A task on the main thread that times itself, as the workers do. */
// eslint-disable-next-line @typescript-eslint/require-await -- async without await, on purpose
async function onMainThread(n: number): Promise<Timed> {
  const start = performance.now();
  const total = sumOfSquares(n);
  return { total, ms: performance.now() - start };
}
const addUp = (replies: Timed[]) => replies.reduce((sum, reply) => sum + reply.ms, 0) / 1000;

const size = Math.min(navigator.hardwareConcurrency, TASKS.length);
const pool = new WorkerPool<number, Timed>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  size,
);

sumOfSquares(10_000_000); // warm-up: let the JIT compile the loop before timing it

console.log('4 CPU-bound tasks (100M + 200M + 300M + 400M steps)');
const sequential = await row('main thread, in a loop', () => TASKS.map(sumOfSquares));
let replies: Timed[] = [];
const together = await row('main thread, Promise.all', async () => {
  replies = await Promise.all(TASKS.map(onMainThread));
});
const togetherAddedUp = addUp(replies);
// A round of empty tasks starts every worker, so start-up is timed apart.
await row('worker pool start-up', () => Promise.all(TASKS.map(() => pool.run(0))));
const parallel = await row(`pool of ${size} workers`, async () => {
  replies = await Promise.all(TASKS.map((n) => pool.run(n)));
});
const parallelAddedUp = addUp(replies);
pool.terminate();

// Checks that hold however busy the machine is: one task at a time takes as long
// as the tasks added up; tasks in progress at the same time take less.
const oneAtATime = Math.abs(together / togetherAddedUp - 1) <= 0.05;
console.log(`Promise.all, one task at a time (as long as its tasks added up): ${oneAtATime}`);
console.log(
  `worker pool, several at a time (less than its tasks added up): ${parallel < parallelAddedUp}`,
);

// The speedup needs free cores, and no pool beats its number of workers nor its
// largest task. On a busy machine the loop and the pool ran under different loads,
// so this ratio can land anywhere; the two lines above cannot.
const limit = Math.min(size, 1000 / 400);
console.log(
  `worker pool vs loop: ${(sequential / parallel).toFixed(1)}× ` +
    `(limit ${limit.toFixed(1)}×: ${size} workers, and 2.5× for these tasks)`,
);
