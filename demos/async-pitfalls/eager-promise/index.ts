// A JavaScript promise is eager: calling the async function starts it at once,
// whether or not anybody ever awaits the result.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function work(name: string): Promise<string> {
  console.log(`${name}: started`);
  await sleep(100);
  console.log(`${name}: finished`);
  return name;
}

const promise = work('task'); // runs the body up to its first `await` right now
console.log('called work(); nobody has awaited it yet');

await sleep(300);
console.log('slept 300 ms; the task already ran to the end on its own');

console.log(`now awaiting it gives: ${await promise}`);

export {}; // this file is a module
