// The same four tasks, first on the main thread, then spread over a pool of
// workers: real threads, which run on several cores at once when cores are free.
import { WorkerPool } from './pool.ts';
import { sumOfSquares, type Timed } from './squares.ts';

const TASKS = [100, 200, 300, 400]; // millions of loop steps
const ms = (duration: number) => Math.round(duration);

const cores = navigator.hardwareConcurrency;
console.log(`cores reported by the browser: ${cores}`);

// 1. Main thread, one task after another (after a warm-up, so the JIT has compiled the loop).
sumOfSquares(10_000_000);
let start = performance.now();
const expected: number[] = [];
let largest = 0;
for (const size of TASKS) {
  const taskStart = performance.now();
  expected.push(sumOfSquares(size * 1_000_000));
  largest = Math.max(largest, performance.now() - taskStart);
}
const sequential = performance.now() - start;
console.log(`main thread:         ${ms(sequential)} ms (largest task alone: ${ms(largest)} ms)`);

// 2. A worker pool: no more workers than cores, and no more than tasks.
const size = Math.min(cores, TASKS.length);
const pool = new WorkerPool<number, Timed>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  size,
);
start = performance.now();
const replies = await Promise.all(TASKS.map((n) => pool.run(n * 1_000_000)));
const parallel = performance.now() - start; // includes starting the workers
pool.terminate();
const addedUp = replies.reduce((sum, reply) => sum + reply.ms, 0); // as each worker timed it
console.log(
  `pool of ${size} workers:   ${ms(parallel)} ms (its tasks added up: ${ms(addedUp)} ms)`,
);

console.log(`same results: ${replies.every((reply, i) => reply.total === expected[i])}`);
// Tasks in progress at the same time: the pool finishes before their times add up.
// (This holds however busy the machine is; the speedup below does not.)
console.log(`the pool took less than its tasks added up: ${parallel < addedUp}`);

// The speedup needs free cores. No pool beats its number of workers, nor can it
// finish before its largest task.
const total = TASKS.reduce((sum, n) => sum + n, 0);
const biggest = Math.max(...TASKS);
console.log(`speedup: ${(sequential / parallel).toFixed(1)}×`);
console.log(
  `limit: ${size} workers, and ${total} / ${biggest} = ${(total / biggest).toFixed(1)}× for these tasks`,
);
