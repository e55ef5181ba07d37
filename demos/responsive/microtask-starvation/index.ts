// A timer due at once, then a loop that awaits an already settled promise,
// over and over, for 300 ms. Each `await` queues a microtask, and the loop
// runs every microtask before it takes the next task: the timer must wait.
const start = performance.now();
const now = () => performance.now() - start;

let timerRanAt = -1;
setTimeout(() => {
  timerRanAt = now();
}, 0);

let awaits = 0;
while (now() < 300) {
  await Promise.resolve(); // a microtask: the loop never gets a turn
  awaits += 1;
}
const stoppedAt = now();
const stillWaiting = timerRanAt < 0;

await new Promise<void>((resolve) => {
  setTimeout(resolve, 0); // a task: now the waiting timer runs first
});
const ranRightAfter = timerRanAt >= stoppedAt && timerRanAt - stoppedAt < 50;
console.log('a 0 ms timer, then 300 ms of `await Promise.resolve()` in a loop');
console.log(`awaits in those 300 ms: over 10 000: ${String(awaits > 10_000)}`);
console.log(`the timer was still waiting when the loop stopped: ${String(stillWaiting)}`);
console.log(`it ran right after (within 50 ms): ${String(ranRightAfter)}`);

export {}; // this file is a module
