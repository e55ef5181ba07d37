// `async` does not make a blocking call non-blocking. A ticker counts the
// timer callbacks the event loop gets to run while each step works for 500 ms.
import { busyWait } from './busy.ts';

let ticks = 0;
const ticker = setInterval(() => {
  ticks++;
}, 50);

// eslint-disable-next-line @typescript-eslint/require-await -- async on purpose: it does not help
async function blockingStep(): Promise<void> {
  busyWait(500); // blocks the thread, async function or not
}

function offloadedStep(): Promise<void> {
  // The same work on another thread; this thread only waits for the reply.
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = () => {
      worker.terminate();
      resolve();
    };
    worker.postMessage(500);
  });
}

ticks = 0;
await blockingStep();
console.log(`ticks during the blocking step: ${ticks}`);

ticks = 0;
await offloadedStep();
console.log(`ticker kept ticking during the offloaded step: ${ticks >= 5}`);
clearInterval(ticker);
