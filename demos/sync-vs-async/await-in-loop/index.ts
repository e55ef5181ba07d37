// The trap: `await` inside a loop. Each document starts only after the
// previous one has finished, so the waits add up.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function processDocument(name: string): Promise<string> {
  await sleep(1000); // 1 s of waiting (a network call, a database query…)
  return `${name} processed.`;
}

const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];
const elapsed = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

const start = performance.now();
for (const doc of docs) {
  const result = await processDocument(doc); // waits here before the next doc starts
  console.log(`${result} (after ${elapsed(start)} s)`);
}
console.log(`Total time taken: ${elapsed(start)} s`);

export {}; // this file is a module
