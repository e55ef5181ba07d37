// Waits at the start line, then adds 1 to the shared counter `iterations` times.
// Slot 0 of `shared` is the counter, slot 1 the start flag.
interface Job {
  shared: Int32Array<SharedArrayBuffer>; // the same memory the main program sees
  atomic: boolean;
  iterations: number;
}

self.onmessage = (event: MessageEvent<Job>) => {
  const { shared, atomic, iterations } = event.data;
  self.postMessage('ready');
  Atomics.wait(shared, 1, 0); // sleep while the flag is 0 (returns at once if it is not)
  if (atomic) {
    for (let i = 0; i < iterations; i++) {
      Atomics.add(shared, 0, 1); // read, add and write in one indivisible step
    }
  } else {
    for (let i = 0; i < iterations; i++) {
      shared[0] = (shared[0] ?? 0) + 1; // read, add, write: the other thread can act in between
    }
  }
  self.postMessage('done');
};
