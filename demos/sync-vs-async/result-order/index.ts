// Documents that take different times finish in a different order from the
// one they started in, yet Promise.all returns results in the order of its input.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function processDocument(name: string, ms: number): Promise<string> {
  await sleep(ms);
  console.log(`finished ${name} after ${ms} ms`);
  return `${name} processed.`;
}

const work: [string, number][] = [
  ['doc 0', 500],
  ['doc 1', 100],
  ['doc 2', 400],
  ['doc 3', 200],
  ['doc 4', 300],
];

const results = await Promise.all(work.map(([name, ms]) => processDocument(name, ms)));
console.log(results);

export {}; // this file is a module
