// forEach calls an async callback and throws away the promise it returns:
// nothing waits for the saves, so the line after it runs before any of them.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const docs = ['doc 0', 'doc 1', 'doc 2'];
const saved: string[] = [];

async function save(doc: string): Promise<void> {
  await sleep(100); // simulate a write
  saved.push(doc);
}

// eslint-disable-next-line @typescript-eslint/no-misused-promises -- the bug this demo shows
docs.forEach(async (doc) => {
  await save(doc);
});
console.log(`after forEach: ${saved.length} of 3 saved`);
await sleep(200);
console.log(`200 ms later: ${saved.length} of 3 saved (they ran, unwatched)`);

saved.length = 0;
await Promise.all(docs.map((doc) => save(doc))); // the fix: wait for all of them
console.log(`after Promise.all: ${saved.length} of 3 saved`);

export {}; // this file is a module
