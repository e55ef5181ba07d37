// A timer ticks every 100 ms. At 350 ms a busy loop holds the only thread
// for a full second, and the ticks stop until it lets go.
const start = performance.now();
const now = () => Math.round(performance.now() - start);

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: the event loop cannot run any callback meanwhile
  }
}

let ticks = 0;
let previous = 0;
const interval = setInterval(() => {
  ticks += 1;
  const at = now();
  console.log(`tick ${ticks} at ${at} ms (gap: ${at - previous} ms)`);
  previous = at;
  if (ticks === 4) clearInterval(interval);
}, 100);

setTimeout(() => {
  console.log(`busy loop starts at ${now()} ms`);
  busyWait(1000);
  console.log(`busy loop ends at ${now()} ms`);
}, 350);

export {}; // this file is a module
