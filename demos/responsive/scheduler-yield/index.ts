// Two ways to give the loop back between chunks of work: setTimeout(0), and
// scheduler.yield() where the browser has it (Chromium, and Firefox from
// version 142, in pages and workers): check before calling it.
const { scheduler } = globalThis as { scheduler?: { yield?: () => Promise<void> } };
const viaTimeout = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });
const nativeYield = scheduler?.yield?.bind(scheduler);
const yieldToLoop = nativeYield ?? viaTimeout;
const name = nativeYield ? 'scheduler.yield()' : 'setTimeout(0)';
console.log(`yielding with: ${name}`);

async function timeYields(yieldOnce: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < 100; i++) await yieldOnce();
  return performance.now() - start;
}
const timeoutMs = await timeYields(viaTimeout);
const yieldMs = await timeYields(yieldToLoop);
console.log(`100 setTimeout(0) yields took at least 360 ms: ${String(timeoutMs >= 360)}`);
console.log(`100 ${name} yields took under 50 ms: ${String(yieldMs < 50)}`);

// Which runs first: a timer that is already due, or the continuation?
const start = performance.now();
let timerRanAt = -1;
setTimeout(() => {
  timerRanAt = performance.now() - start;
}, 0);
while (performance.now() - start < 200) {
  const end = performance.now() + 10;
  while (performance.now() < end) {
    // a 10 ms chunk of CPU work
  }
  await yieldToLoop();
}
const workEnded = performance.now() - start;
await viaTimeout(); // now let the timer run, if it has not
const waited = timerRanAt >= workEnded;
console.log(`a timer due at 0 ms waited until all 200 ms of chunks were done: ${String(waited)}`);

export {}; // this file is a module
