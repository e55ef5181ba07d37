// Six downloads of different lengths, with at most two in flight at a time.
// In batches of two, each batch waits for its slowest download. Make a slot
// take the next download as soon as it is free, as a thread pool does.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const DOWNLOADS = [300, 100, 100, 300, 100, 100]; // milliseconds each
const LIMIT = 2;

let inFlight = 0;
let mostInFlight = 0;

async function download(ms: number): Promise<void> {
  inFlight++;
  mostInFlight = Math.max(mostInFlight, inFlight);
  await sleep(ms);
  inFlight--;
}

const start = performance.now();

for (let i = 0; i < DOWNLOADS.length; i += LIMIT) {
  await Promise.all(DOWNLOADS.slice(i, i + LIMIT).map(download));
}

const seconds = (performance.now() - start) / 1000;
const best = DOWNLOADS.reduce((sum, ms) => sum + ms, 0) / LIMIT / 1000;
console.log(`most in flight at once: ${mostInFlight}`);
console.log(`took ${seconds.toFixed(2)} s (their total over ${LIMIT} slots: ${best.toFixed(2)} s)`);

export {}; // this file is a module
