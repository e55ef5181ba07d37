// Three orders at a counter. Nobody waits for the person ahead of them:
// each order is placed at once, and each dish arrives when it is ready.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function order(dish: string, cookingMs: number): Promise<string> {
  console.log(`ordered ${dish}`);
  await sleep(cookingMs); // the kitchen works; the counter takes the next order
  console.log(`${dish} is ready`);
  return dish;
}

const start = performance.now();
const meals = await Promise.all([order('soup', 300), order('pizza', 500), order('salad', 100)]);
const seconds = (performance.now() - start) / 1000;

console.log(meals);
console.log(`all served after ${seconds.toFixed(2)} s (the slowest dish), not 0.90 s (the sum)`);

export {}; // this file is a module
