// The notebook's scaled benchmark (100 tasks of 1 s) shrunk to 100 tasks of
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

console.log(`${n} I/O-bound tasks of ${t} s each`);
for (const k of [10, 100]) {
  const start = performance.now();
  await mapWithLimit(TASKS, k, ioTask);
  const measured = (performance.now() - start) / 1000;
  const predicted = Math.ceil(n / k) * t;
  console.log(
    `limit ${String(k).padEnd(4)} measured ${measured.toFixed(2)} s, ` +
      `predicted ⌈${n}/${k}⌉ × ${t} s = ${predicted.toFixed(2)} s`,
  );
}
