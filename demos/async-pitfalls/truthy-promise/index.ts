// A forgotten `await` inside an `if`. A promise is an object, and every
// object is truthy, so the check always passes. TypeScript notices: see the
// error it reports below the code.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];

async function docExists(name: string): Promise<boolean> {
  await sleep(100); // simulate a database call
  return docs.includes(name);
}

async function readDocument(name: string): Promise<string> {
  if (docExists(name)) {
    await sleep(100);
    return `${name} exists. Content: Lorem ipsum...`;
  }
  return `${name} not found.`;
}

console.log(await readDocument('doc 1'));
console.log(await readDocument('doc 9')); // does not exist, yet…

export {}; // this file is a module
