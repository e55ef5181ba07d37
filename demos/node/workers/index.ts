/// <reference lib="es2024.sharedmemory" />
// (The line above gives the type checker Atomics.waitAsync, from ES2024.)
// A Web Worker: a module loaded from a URL, that talks by messages and can
// share memory. The main program waits for it without blocking.
interface Job {
  n: number;
  done: Int32Array<SharedArrayBuffer>; // slot 0 turns 1 when the worker is done
}

const done = new Int32Array(new SharedArrayBuffer(4));
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const answer = new Promise<number>((resolve) => {
  worker.onmessage = (event: MessageEvent<number>) => {
    resolve(event.data);
  };
});
worker.postMessage({ n: 32, done } satisfies Job); // the input travels in a message
console.log('main: started the worker from a URL, with { type: "module" }, and sent it n = 32');

try {
  Atomics.wait(done, 0, 0, 10);
} catch (error) {
  console.log(`main: Atomics.wait throws ${(error as Error).name}: a page's thread may not block`);
}

const waiting = Atomics.waitAsync(done, 0, 0); // a promise instead of a blocked thread
const woken = waiting.async ? await waiting.value : waiting.value;
console.log(`main: Atomics.waitAsync resolved "${woken}" when the worker notified`);
console.log(`main: the worker's message: fib(32) = ${await answer}`);
worker.terminate();

export {}; // this file is a module
