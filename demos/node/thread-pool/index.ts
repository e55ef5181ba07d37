// A browser gives your JavaScript no shared thread pool, so this one is built
// from four Web Workers and a queue, and probed the way the Node tab probes
// libuv's pool of four threads.
import { WorkerPool } from './pool.ts';

const HASH = 10_000_000; // loop steps of one slow job
const TINY = 0; // a job that answers at once

const pool = new WorkerPool<number, number>(
  () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
  4,
);
await Promise.all([TINY, TINY, TINY, TINY].map((job) => pool.run(job))); // start all four workers
let start = performance.now();
await pool.run(HASH);
const one = performance.now() - start; // one slow job, alone

/** Starts `jobs` slow jobs, then a tiny one: did the tiny one finish before all of them? */
async function tinyFinishesFirst(jobs: number): Promise<boolean> {
  let finished = 0;
  const slow = Array.from({ length: jobs }, () => pool.run(HASH).then(() => finished++));
  const first = pool.run(TINY).then(() => finished === 0);
  await Promise.all(slow);
  return first;
}

console.log("a pool of 4 workers with a queue, like libuv's pool of 4 threads");
console.log(`3 slow jobs running: a tiny job finished first: ${await tinyFinishesFirst(3)}`);
console.log(`4 slow jobs running: a tiny job waited: ${!(await tinyFinishesFirst(4))}`);

// Eight jobs: four run, four wait in the queue, while a 10 ms timer on this
// thread counts its ticks. Jobs 5 to 8 start only as earlier jobs finish and
// then need a whole job's time (half of it here, to allow for a busy machine).
const finishedAt: number[] = [];
let ticks = 0;
const ticker = setInterval(() => ticks++, 10);
start = performance.now();
await Promise.all(
  Array.from({ length: 8 }, () =>
    pool.run(HASH).then(() => finishedAt.push(performance.now() - start)),
  ),
);
const total = performance.now() - start;
clearInterval(ticker);
pool.terminate();

const [first = 0, , , , fifth = 0] = finishedAt;
console.log(`8 slow jobs: the last four waited for the first four: ${fifth - first >= one / 2}`);
// An idle thread would tick total / 10 times; a quarter of that allows for a busy machine.
console.log(`8 slow jobs: this thread's 10 ms timer kept ticking: ${ticks >= total / 40}`);
