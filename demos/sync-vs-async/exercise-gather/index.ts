// Four pages, each a different wait. Fetched one after another, they take
// 1 s in all. Make the program fetch them concurrently, so it takes about as
// long as the slowest page, and still print them in order.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const waits = [400, 100, 300, 200]; // page 1 is the slowest

async function fetchPage(n: number): Promise<string> {
  await sleep(waits[n - 1] ?? 0);
  return `page ${n}`;
}

const start = performance.now();

const pages: string[] = [];
for (const n of [1, 2, 3, 4]) {
  pages.push(await fetchPage(n));
}

const ms = performance.now() - start;
console.log(pages.join(', '));
console.log(`about 400 ms, as long as the slowest page: ${ms > 350 && ms < 550}`);

export {}; // this file is a module
