// Five documents, processed one after another by blocking code.
// JavaScript has no blocking sleep on the main thread, so `busyWait` stands in
// for slow synchronous work: it keeps the CPU spinning until the time is up.
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: nothing else can run on this thread meanwhile
  }
}

function processDocument(name: string): string {
  busyWait(200); // 0.2 s of blocking work per document
  return `${name} processed.`;
}

const docs = ['doc 0', 'doc 1', 'doc 2', 'doc 3', 'doc 4'];

const start = performance.now();
for (const doc of docs) {
  console.log(processDocument(doc));
}
const seconds = (performance.now() - start) / 1000;
console.log(`Total time taken: ${seconds.toFixed(2)} s`); // 5 × 0.2 s

export {}; // this file is a module
