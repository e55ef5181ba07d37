// The same failure inside Promise.all, through the same call chain:
// main → loadAll → the arrow inside `.map` → fetchDoc.
import { shortStack } from './stack.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fetchDoc(n: number): Promise<string> {
  await sleep(100 * n); // simulate I/O
  if (n === 2) throw new Error(`Bad doc ${n}`);
  console.log(`loaded doc ${n}`);
  return `doc ${n}`;
}

async function loadAll(ids: number[]): Promise<string[]> {
  return await Promise.all(ids.map((n) => fetchDoc(n)));
}

async function main(): Promise<void> {
  const docs = await loadAll([0, 1, 2, 3, 4]);
  console.log(docs);
}

try {
  await main();
} catch (error) {
  console.log(shortStack(error));
}
// Promise.all gave up at the first failure, but nothing cancelled the others:
// watch docs 3 and 4 finish after the error was reported.
