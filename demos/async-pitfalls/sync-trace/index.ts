// A synchronous failure: the stack trace shows every caller, in order.
import { shortStack } from './stack.ts';

function fetchDoc(n: number): string {
  if (n === 2) throw new Error(`Bad doc ${n}`);
  return `doc ${n}`;
}

function main(): void {
  for (let n = 0; n < 5; n++) {
    console.log(fetchDoc(n));
  }
}

try {
  main();
} catch (error) {
  console.log(shortStack(error));
}
