// One cook, two pots: pasta (400 ms) and sauce (300 ms), then 100 ms
// of plating once both are ready. Dinner takes 0.80 s: make it 0.50 s.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function cook(dish: string, ms: number): Promise<string> {
  console.log(`${dish} on the stove`);
  await sleep(ms); // the pot simmers; the cook is free
  console.log(`${dish} is ready`);
  return dish;
}

const start = performance.now();

const pasta = await cook('pasta', 400);
const sauce = await cook('sauce', 300);

await sleep(100); // plating
console.log(`plated: ${pasta} with ${sauce}`);
console.log(`dinner after ${((performance.now() - start) / 1000).toFixed(2)} s`);

export {}; // this file is a module
