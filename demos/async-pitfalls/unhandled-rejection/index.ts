// A promise that rejects while nobody handles it. This sandbox does what Node
// (15 and later) does: it prints the error and ends the run. A browser page
// fires an `unhandledrejection` event, logs the error and carries on.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function save(doc: string): Promise<void> {
  await sleep(100); // simulate a write
  throw new Error(`cannot save ${doc}`);
}

save('doc 0').catch((error: unknown) => {
  console.log(`handled: ${error instanceof Error ? error.message : String(error)}`);
});

console.log('saving doc 1; nobody awaits it, nobody catches');
void save('doc 1');

setTimeout(() => {
  console.log('never printed: the unhandled rejection ended the run');
}, 500);

export {}; // this file is a module
