// The same four tasks, first on the main thread, then spread over a pool of
// workers: real threads, running on several cores at once.
import { WorkerPool } from './pool.ts';
import { sumOfSquares } from './squares.ts';

const TASKS = [100, 200, 300, 400]; // millions of loop steps, as in the notebook
const ms = (since: number) => Math.round(performance.now() - since);

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
  largest = Math.max(largest, ms(taskStart));
}
const sequential = ms(start);
console.log(`main thread:         ${sequential} ms (largest task alone: ${largest} ms)`);

// 2. A worker pool: no more workers than cores, and no more than tasks.
const size = Math.min(cores, TASKS.length);
const pool = new WorkerPool<number, number>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  size,
);
start = performance.now();
const results = await Promise.all(TASKS.map((n) => pool.run(n * 1_000_000)));
const parallel = ms(start); // includes starting the workers
pool.terminate();
console.log(`pool of ${size} workers:   ${parallel} ms`);

console.log(`same results: ${results.every((result, i) => result === expected[i])}`);
console.log(`speedup: ${(sequential / parallel).toFixed(1)}×`);

// No pool can finish before its largest task does.
const total = TASKS.reduce((sum, n) => sum + n, 0);
const biggest = Math.max(...TASKS);
console.log(`best possible here: ${total} / ${biggest} = ${(total / biggest).toFixed(1)}×`);
