// 200 ms of work cut into 20 chunks, with a pause between chunks. Whether the
// pause lets anything else run depends on what the pause waits for.
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

// A promise job is a microtask: every microtask runs before the next task, so
// the timer, a task, waits for the whole job.
const microtask = await partitioned(() => Promise.resolve());
console.log(`pausing with await Promise.resolve(): the 5 ms timer ticked ${microtask} times`);

// A timer callback is a task: the ticker's task can run between two chunks.
const task = await partitioned(() => new Promise((resolve) => setTimeout(resolve, 0)));
console.log(
  `pausing with setTimeout(…, 0): the timer ticked between chunks: ${task >= CHUNKS / 2}`,
);

export {}; // this file is a module
