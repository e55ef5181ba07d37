// Two workers, real threads, add 1 to the same slot of shared memory, 10 million
// times each: first with a plain read-add-write, then with Atomics.add.
const ITERATIONS = 10_000_000; // per worker: enough that the two loops overlap for real
const TOTAL = 2 * ITERATIONS; // what the counter should end at
const TIME_CAP_MS = 5_000; // how long to keep trying to catch the race

// Slot 0 holds the counter, slot 1 the start flag (0: wait, 1: go).
const shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
const workers = [1, 2].map(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
);

const nextMessage = (worker: Worker) =>
  new Promise((resolve) => {
    worker.addEventListener('message', resolve, { once: true });
  });

/** Both workers count, with atomic increments or without: the counter, and how long they took. */
async function count(atomic: boolean): Promise<{ total: number; ms: number }> {
  Atomics.store(shared, 0, 0);
  Atomics.store(shared, 1, 0);
  const ready = workers.map(nextMessage);
  for (const worker of workers) worker.postMessage({ shared, atomic, iterations: ITERATIONS });
  await Promise.all(ready); // both workers are at the start line
  const done = workers.map(nextMessage);
  const start = performance.now();
  Atomics.store(shared, 1, 1); // the start barrier: flip the flag…
  Atomics.notify(shared, 1); // …and wake every thread waiting on it
  await Promise.all(done);
  return { total: Atomics.load(shared, 0), ms: performance.now() - start };
}

// A race does not lose updates every time, so try again until it does. With one
// core the threads only take turns, and the cap may run out before it happens.
const started = performance.now();
let racy = await count(false);
while (racy.total === TOTAL && performance.now() - started < TIME_CAP_MS) {
  racy = await count(false);
}
console.log(`without Atomics: ${racy.total} of ${TOTAL}, updates lost: ${racy.total < TOTAL}`);
const exact = await count(true);
console.log(
  `with Atomics.add: ${exact.total} of ${TOTAL}, slower than without: ${exact.ms > racy.ms}`,
);

for (const worker of workers) worker.terminate(); // nothing left to do: let the run end
