// "Only one worker ran the second time", replayed. It is not a race condition:
// the loop walks the characters of a leftover string, not the list of docs.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];

async function processDocument(name: string, worker: string): Promise<string> {
  await sleep(100);
  return `${worker} processed ${JSON.stringify(name)}`;
}

// An earlier loop left its variable behind, holding the last document.
let doc = '';
for (doc of docs) {
  // …process each doc…
}

async function startWorkers(label: string): Promise<void> {
  console.log(`${label}: doc is ${JSON.stringify(doc)}`);
  const jobs: Promise<string>[] = [];
  let i = 0;
  // BUG: `doc`, not `docs`. A string is iterable too, so this type-checks.
  // Like Python's `for i, doc in enumerate(doc)`, it also overwrites `doc`.
  for ([i, doc] of Array.from(doc).entries()) {
    jobs.push(processDocument(doc, `Worker ${i}`));
  }
  for (const line of await Promise.all(jobs)) console.log(`  ${line}`);
}

await startWorkers('first run'); // five characters in "doc 4": five workers
await startWorkers('second run'); // `doc` is now "4": one worker

console.log('fixed: loop over `docs`');
const fixed = await Promise.all(docs.map((name, i) => processDocument(name, `Worker ${i}`)));
for (const line of fixed) console.log(`  ${line}`);

export {}; // this file is a module
