// setInterval asks for a tick every 100 ms. At 250 ms a busy loop holds the
// thread until 750 ms. What happens to the ticks that come due meanwhile?
const start = performance.now();
const now = () => performance.now() - start;

let busyFrom = 0;
let busyTo = 0;
setTimeout(() => {
  busyFrom = now();
  while (now() < 750) {
    // CPU-bound work: no callback can run
  }
  busyTo = now();
}, 250);

const ticks: number[] = [];
const interval = setInterval(() => {
  ticks.push(now());
  if (ticks.length < 6) return;
  clearInterval(interval);
  const due = Math.floor(busyTo / 100) - Math.floor(busyFrom / 100);
  const rightAfter = ticks.filter((at) => at >= busyTo && at < busyTo + 30).length;
  console.log(`ticks that came due during the busy loop: ${due}`);
  console.log(`ticks that ran as soon as it ended: ${rightAfter}`);
  const counted = ticks.length / 10; // seconds, if every tick meant 100 ms
  console.log(`after ${ticks.length} ticks, a tick counter says ${counted} s`);
  const ahead = now() / 1000 - counted >= 0.35;
  console.log(`the clock is at least 0.35 s ahead of it: ${String(ahead)}`);
}, 100);

export {}; // this file is a module
