// Start every document first, then wait for all of them together.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function processDocument(name: string): Promise<string> {
  await sleep(1000); // 1 s of waiting, as before
  return `${name} processed.`;
}

const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];

const start = performance.now();
// `docs.map` calls processDocument five times right away: five waits are now
// in progress at once. Promise.all only collects the results.
const results = await Promise.all(docs.map((doc) => processDocument(doc)));
const seconds = (performance.now() - start) / 1000;

console.log(results);
console.log(`Total time taken: ${seconds.toFixed(2)} s`);

export {}; // this file is a module
