// Four CPU-bound tasks of unequal sizes on the main thread: first one after
// another, then "concurrently" with Promise.all. There is only one thread.
import { sumOfSquares } from './squares.ts';

const TASKS = [100, 200, 300, 400]; // millions of loop steps, as in the notebook
const ms = (since: number) => Math.round(performance.now() - since);

sumOfSquares(10_000_000); // warm-up: let the JIT compile the loop before timing it

let start = performance.now();
for (const size of TASKS) {
  const taskStart = performance.now();
  sumOfSquares(size * 1_000_000);
  console.log(`task ${size}M: ${ms(taskStart)} ms`);
}
const sequential = ms(start);
console.log(`one after another: ${sequential} ms`);

// eslint-disable-next-line @typescript-eslint/require-await -- the point: async without await
const task = async (size: number) => sumOfSquares(size * 1_000_000);

start = performance.now();
await Promise.all(TASKS.map(task)); // each call runs to the end before the next starts
const together = ms(start);
console.log(`Promise.all:       ${together} ms`);
console.log(`Promise.all took ${(together / sequential).toFixed(1)}× the sequential time`);
