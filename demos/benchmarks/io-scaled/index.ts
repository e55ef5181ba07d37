// The scaled benchmark (100 tasks of 1 s in the measured Python run) shrunk to 100 tasks of
// 0.1 s. With k tasks in flight at a time, n tasks of t seconds need
// ⌈n / k⌉ rounds of t: the prediction printed beside each measurement.
import { mapWithLimit } from './limit.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const n = 100;
const t = 0.1; // seconds per task
const TASKS = Array.from({ length: n }, () => t * 1000);

async function ioTask(ms: number): Promise<number> {
  await sleep(ms);
  return ms;
}

/** Seconds to run every task with at most `k` in flight. */
async function measure(k: number): Promise<number> {
  const start = performance.now();
  await mapWithLimit(TASKS, k, ioTask);
  return (performance.now() - start) / 1000;
}

console.log(`${n} I/O-bound tasks of ${t} s each`);
for (const k of [10, 100]) {
  // Run twice, keep the shorter: other programs on a busy machine can only add time.
  const measured = Math.min(await measure(k), await measure(k));
  const predicted = Math.ceil(n / k) * t;
  console.log(
    `limit ${String(k).padEnd(4)} measured ${measured.toFixed(2)} s, ` +
      `predicted ⌈${n}/${k}⌉ × ${t} s = ${predicted.toFixed(2)} s`,
  );
}
