// The same in Node with worker_threads. One file serves as both: the worker
// runs this module again, and isMainThread says which side this is.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

interface Job {
  n: number;
  done: Int32Array<SharedArrayBuffer>; // slot 0 turns 1 when the worker is done
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

if (isMainThread) {
  // No headers needed: Node always has SharedArrayBuffer.
  const done = new Int32Array(new SharedArrayBuffer(4));
  // A path or a file URL, no { type }; the input can travel as workerData.
  const worker = new Worker(new URL(import.meta.url), { workerData: { n: 32, done } });
  const answer = new Promise<number>((resolve) => {
    worker.once('message', resolve); // an EventEmitter, not worker.onmessage
  });
  console.log('main: started the worker from this file, with workerData { n: 32 }');

  // Node lets the main thread block: it sleeps here until the worker notifies.
  const woken = Atomics.wait(done, 0, 0, 10_000);
  console.log(`main: Atomics.wait blocked the main thread, then returned "${woken}"`);
  console.log(`main: the worker's message: fib(32) = ${await answer}`);
} else {
  // No self and no onmessage here: workerData and parentPort instead.
  const { n, done } = workerData as Job;
  parentPort?.postMessage(fib(n));
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
