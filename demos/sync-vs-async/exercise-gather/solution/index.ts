// Four pages, each a different wait. All four calls are made first, so the
// four waits run down together; Promise.all keeps the results in the order
// of its input, whatever order the pages finish in.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const waits = [400, 100, 300, 200]; // page 1 is the slowest

async function fetchPage(n: number): Promise<string> {
  await sleep(waits[n - 1] ?? 0);
  return `page ${n}`;
}

const start = performance.now();

const pages = await Promise.all([1, 2, 3, 4].map((n) => fetchPage(n)));

const ms = performance.now() - start;
console.log(pages.join(', '));
console.log(`about 400 ms, as long as the slowest page: ${ms > 350 && ms < 550}`);

export {}; // this file is a module
