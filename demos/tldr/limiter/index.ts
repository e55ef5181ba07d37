// I/O-bound work with a concurrency limit: six downloads, two at a time.
// Try changing LIMIT: the total time is ⌈6 / LIMIT⌉ × 0.2 s.
import { Semaphore } from './semaphore.ts';

const LIMIT = 2;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const start = performance.now();
const now = () => ((performance.now() - start) / 1000).toFixed(1);

const slots = new Semaphore(LIMIT);
let inFlight = 0;

async function download(file: string): Promise<string> {
  inFlight += 1;
  console.log(`${now()} s  start ${file}  (${inFlight} in flight)`);
  await sleep(200);
  inFlight -= 1;
  return file;
}

const files = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv', 'f.csv'];
const done = await Promise.all(files.map((file) => slots.run(() => download(file))));
console.log(`${now()} s  done: ${done.join(', ')}`);
