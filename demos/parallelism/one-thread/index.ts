// Four CPU-bound tasks of unequal sizes on the main thread: first one after
// another, then "concurrently" with Promise.all. There is only one thread.
import { sumOfSquares } from './squares.ts';

const TASKS = [100, 200, 300, 400]; // millions of loop steps
const ms = (duration: number) => Math.round(duration);

sumOfSquares(10_000_000); // warm-up: let the JIT compile the loop before timing it

let start = performance.now();
for (const size of TASKS) {
  const taskStart = performance.now();
  sumOfSquares(size * 1_000_000);
  console.log(`task ${size}M: ${ms(performance.now() - taskStart)} ms`);
}
console.log(`one after another: ${ms(performance.now() - start)} ms`);

// Each task notes when it started and when it ended.
const spans: { start: number; end: number }[] = [];
// eslint-disable-next-line @typescript-eslint/require-await -- the point: async without await
async function task(size: number): Promise<void> {
  const taskStart = performance.now();
  sumOfSquares(size * 1_000_000);
  spans.push({ start: taskStart, end: performance.now() });
}

start = performance.now();
await Promise.all(TASKS.map(task)); // each call runs to the end before the next starts
const together = performance.now() - start;
const addedUp = spans.reduce((sum, span) => sum + (span.end - span.start), 0);
console.log(`Promise.all:       ${ms(together)} ms (its tasks added up: ${ms(addedUp)} ms)`);

// Two checks that hold however busy the machine is:
const inTurn = spans.every((span, i) => i === 0 || span.start >= (spans[i - 1]?.end ?? 0));
console.log(`each task ended before the next one started: ${inTurn}`);
const ratio = together / addedUp; // parallel tasks would make this well below 1
console.log(
  `Promise.all took as long as its tasks added up (within 5 %): ${Math.abs(ratio - 1) <= 0.05}`,
);
