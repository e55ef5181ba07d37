// The same deposits, with the read-modify-write inside a lock. The second
// deposit waits for the first to finish before it reads the balance.
import { Mutex } from './mutex.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let balance = 100;
const lock = new Mutex();

async function deposit(who: string, amount: number, latencyMs: number): Promise<void> {
  await lock.run(async () => {
    const read = balance;
    console.log(`${who} reads ${read}`);
    await sleep(latencyMs);
    balance = read + amount;
    console.log(`${who} writes ${balance}`);
  });
}

await Promise.all([deposit('Alice', 50, 100), deposit('Bob', 30, 50)]);
console.log(`final balance: ${balance} (expected ${100 + 50 + 30})`);
