// Twelve timers with a 0 ms delay, each set from inside the previous one's
// callback. How long does each one wait?
const waits: number[] = [];
let last = performance.now();

function next(): void {
  const now = performance.now();
  waits.push(now - last);
  last = now;
  if (waits.length < 12) setTimeout(next, 0);
  else report();
}
setTimeout(next, 0);

function report(): void {
  const shallow = waits.slice(0, 6); // set by the script or inside up to 5 nested callbacks
  const deep = waits.slice(6); // set inside 6 or more nested timer callbacks
  const quick = shallow.filter((ms) => ms < 4).length;
  // 3.9, not 4: the clock may round a wait of 4.0x ms down by a tenth.
  const clamped = deep.every((ms) => ms >= 3.9);
  console.log('12 timers, each set with setTimeout(next, 0) in the previous callback');
  console.log(`timers 1 to 6: at least 4 of them waited under 4 ms: ${String(quick >= 4)}`);
  console.log(`timers 7 to 12: each waited at least 4 ms: ${String(clamped)}`);
}

export {}; // this file is a module
