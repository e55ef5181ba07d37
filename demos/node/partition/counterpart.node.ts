// The same in Node, with its two other ways to pause: process.nextTick, whose
// queue is drained before the loop moves on, and setImmediate, the check phase
// of the loop's next turn.
const CHUNKS = 20;

function chunkOfWork(): void {
  const end = performance.now() + 10;
  while (performance.now() < end) {
    // stands for 10 ms of real computation
  }
}

/** Runs the chunks, pausing with `pause` between them, while a 5 ms timer counts its ticks. */
async function partitioned(pause: () => Promise<void>): Promise<number> {
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    chunkOfWork();
    await pause();
  }
  clearInterval(ticker);
  return ticks;
}

const nextTick = await partitioned(
  () =>
    new Promise((resolve) => {
      process.nextTick(resolve);
    }),
);
console.log(`pausing with process.nextTick: the 5 ms timer ticked ${nextTick} times`);

const microtask = await partitioned(() => Promise.resolve());
console.log(`pausing with await Promise.resolve(): the 5 ms timer ticked ${microtask} times`);

const immediate = await partitioned(() => new Promise((resolve) => setImmediate(resolve)));
console.log(
  `pausing with setImmediate: the timer ticked between chunks: ${immediate >= CHUNKS / 2}`,
);

export {}; // this file is a module
