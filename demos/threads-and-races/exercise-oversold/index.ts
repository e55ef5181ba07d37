// Five customers try to buy the last three tickets at the same moment.
// Each checks that a ticket is left, charges the card (a 50 ms round trip),
// then takes the ticket. Make the program sell exactly three.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let ticketsLeft = 3;

async function buy(customer: string): Promise<string> {
  if (ticketsLeft === 0) return `${customer}: sold out`;
  await sleep(50); // charge the card
  ticketsLeft -= 1;
  return `${customer}: bought a ticket`;
}

const results = await Promise.all(['Ana', 'Ben', 'Cai', 'Dee', 'Eli'].map(buy));
for (const line of results) console.log(line);
console.log(`tickets left: ${ticketsLeft}`);

export {}; // this file is a module
