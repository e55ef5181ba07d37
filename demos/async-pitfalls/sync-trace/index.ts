// A synchronous failure: the stack trace shows every caller, in order.
// The call chain is main → loadAll → the arrow inside `.map` → fetchDoc,
// the same as in the Promise.all version below.
import { shortStack } from './stack.ts';

function fetchDoc(n: number): string {
  if (n === 2) throw new Error(`Bad doc ${n}`);
  console.log(`loaded doc ${n}`);
  return `doc ${n}`;
}

function loadAll(ids: number[]): string[] {
  return ids.map((n) => fetchDoc(n));
}

function main(): void {
  const docs = loadAll([0, 1, 2, 3, 4]);
  console.log(docs);
}

try {
  main();
} catch (error) {
  console.log(shortStack(error));
}
