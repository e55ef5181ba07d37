// Marking CPU-bound work `async` does not run it in parallel: there is one
// thread, and a task without an `await` inside never lets go of it.
const start = performance.now();
const now = () => ((performance.now() - start) / 1000).toFixed(2);

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // CPU-bound work: computing, parsing, resizing an image…
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- the point: async without await
async function crunch(name: string, ms: number): Promise<string> {
  console.log(`${name} starts at ${now()} s`);
  busyWait(ms);
  console.log(`${name} ends at ${now()} s`);
  return name;
}

await Promise.all([crunch('task A', 500), crunch('task B', 500)]);
console.log(`both done after ${now()} s: the sum of their times, not the longest`);

export {}; // this file is a module
