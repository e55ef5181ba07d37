// A ticker every 50 ms, and 600 ms of CPU work cut into 60 chunks of 10 ms
// with a setTimeout(0) between them. Between two chunks the loop is free, so
// the ticker gets its turn and reads the progress, as a progress bar would.
const start = performance.now();

function work(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // CPU-bound work (a busy loop stands in for parsing, resizing, sorting…)
  }
}

const CHUNKS = 60;
let done = 0;
const ticks: { at: number; progress: number }[] = [];
const ticker = setInterval(() => {
  ticks.push({ at: performance.now() - start, progress: done / CHUNKS });
}, 50);

/** A promise that settles in a new task: the loop runs other tasks first. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });

for (let chunk = 0; chunk < CHUNKS; chunk++) {
  work(10);
  done += 1;
  await nextTask(); // give the loop back between chunks
}
const finished = performance.now() - start;
clearInterval(ticker);

const gaps = ticks.map((tick, i) => tick.at - (i === 0 ? 0 : (ticks[i - 1]?.at ?? 0)));
gaps.push(finished - (ticks.at(-1)?.at ?? 0));
const rising = ticks.every((tick, i) => i === 0 || tick.progress > (ticks[i - 1]?.progress ?? 1));

console.log(`600 ms of CPU work in ${CHUNKS} chunks, a setTimeout(0) after each`);
console.log(`the ticker ran at least 8 times while the work ran: ${String(ticks.length >= 8)}`);
console.log(`longest gap between ticks: under 200 ms: ${String(Math.max(...gaps) < 200)}`);
console.log(`the progress it read rose at every tick: ${String(rising)}`);

export {}; // this file is a module
