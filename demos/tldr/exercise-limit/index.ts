// Four downloads of 200 ms each, to a server that takes two at a time.
// Goal: all four done in about 0.4 s, never more than two in flight.
import { Semaphore } from './semaphore.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const start = performance.now();

let inFlight = 0;
let mostInFlight = 0;

async function download(file: string): Promise<string> {
  inFlight += 1;
  mostInFlight = Math.max(mostInFlight, inFlight);
  await sleep(200);
  inFlight -= 1;
  return file;
}

const files = ['a.csv', 'b.csv', 'c.csv', 'd.csv'];
const slots = new Semaphore(2);

const done: string[] = [];
for (const file of files) {
  done.push(await slots.run(() => download(file)));
}

console.log(`done: ${done.join(', ')}`);
console.log(`most in flight at once: ${mostInFlight}`);
console.log(`took ${((performance.now() - start) / 1000).toFixed(2)} s`);
