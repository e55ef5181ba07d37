// Five customers try to buy the last three tickets at the same moment.
// The check and the taking of the ticket now happen with no await between
// them, so no other customer can act in between: on one thread, that pair is
// atomic. (Holding the lock in mutex.ts from the check to the end works too.)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let ticketsLeft = 3;

async function buy(customer: string): Promise<string> {
  if (ticketsLeft === 0) return `${customer}: sold out`;
  ticketsLeft -= 1; // take the ticket first…
  await sleep(50); // …then charge the card
  return `${customer}: bought a ticket`;
}

const results = await Promise.all(['Ana', 'Ben', 'Cai', 'Dee', 'Eli'].map(buy));
for (const line of results) console.log(line);
console.log(`tickets left: ${ticketsLeft}`);

export {}; // this file is a module
