// In a Web Worker the global object is the worker itself: self.onmessage,
// self.postMessage.
interface Job {
  n: number;
  done: Int32Array<SharedArrayBuffer>;
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

self.onmessage = (event: MessageEvent<Job>) => {
  const { n, done } = event.data;
  const result = fib(n);
  self.postMessage(result);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
};

export {}; // this file is a module
