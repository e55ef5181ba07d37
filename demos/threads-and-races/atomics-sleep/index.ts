/// <reference lib="es2024.sharedmemory" />
// (The line above gives the type checker Atomics.waitAsync, from ES2024.)
// Atomics.wait is JavaScript's real blocking sleep. Browsers allow it only in
// workers: on a page's main thread, and in this sandbox's main program, it
// throws, and Atomics.waitAsync, which returns a promise, takes its place.
interface Report {
  result: string; // what Atomics.wait returned
  slept: number; // ms
  timerRanAt: number; // ms after the worker went to sleep
}

// Slot 0 says where the worker is: 0 starting, 1 asleep, 2 awake.
const state = new Int32Array(new SharedArrayBuffer(4));

try {
  const result = Atomics.wait(state, 0, 0, 50); // Node allows this on its main thread
  console.log(`main program: Atomics.wait returned "${result}"`);
} catch (error) {
  console.log(`main program: Atomics.wait throws ${(error as Error).name}`); // browsers
}

/** Waits, without blocking, while slot 0 still holds `value`. */
async function waitWhile(value: number): Promise<void> {
  const waiting = Atomics.waitAsync(state, 0, value);
  if (waiting.async) await waiting.value;
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const report = new Promise<Report>((resolve) => {
  worker.onmessage = (event: MessageEvent<Report>) => {
    resolve(event.data);
  };
});
worker.postMessage(state);

await waitWhile(0); // until the worker is asleep
let ticks = 0;
const ticker = setInterval(() => ticks++, 20);
await waitWhile(1); // until it is awake again
clearInterval(ticker);

const { result, slept, timerRanAt } = await report;
worker.terminate();
console.log(`worker: Atomics.wait(…, 200) returned "${result}" after ${slept} ms`);
console.log(`worker: its timer, due at once, ran only after the wait: ${timerRanAt >= slept}`);
console.log(`main program: awaited Atomics.waitAsync, its 20 ms timer ticked ${ticks} times`);
