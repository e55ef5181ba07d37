// A real race condition, on one thread: two deposits read the balance, wait
// (a database round trip), then write back what they computed. The second
// write overwrites the first.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let balance = 100;

async function deposit(who: string, amount: number, latencyMs: number): Promise<void> {
  const read = balance; // read
  console.log(`${who} reads ${read}`);
  await sleep(latencyMs); // other code runs here
  balance = read + amount; // modify and write, from a stale read
  console.log(`${who} writes ${balance}`);
}

await Promise.all([deposit('Alice', 50, 100), deposit('Bob', 30, 50)]);
console.log(`final balance: ${balance} (expected ${100 + 50 + 30})`);

export {}; // this file is a module
