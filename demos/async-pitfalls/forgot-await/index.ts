// Calling an async function gives you a promise, not its result.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];

async function docExists(name: string): Promise<boolean> {
  await sleep(100); // simulate a database call
  return docs.includes(name);
}

const answer = docExists('doc 1'); // forgot `await`
console.log(answer); // the promise, still waiting

console.log(await answer); // the value, once it is ready

console.log(answer); // the same promise, now fulfilled

export {}; // this file is a module
