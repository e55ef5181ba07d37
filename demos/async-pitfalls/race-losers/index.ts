// Promise.race settles with the first promise to settle. The others are not
// stopped: a promise is a result, not a handle on the work behind it.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function download(mirror: string, ms: number): Promise<string> {
  await sleep(ms);
  console.log(`${mirror}: download finished`);
  return `report.pdf from ${mirror}`;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
  });
}

console.log(`winner: ${await Promise.race([download('eu', 250), download('us', 100)])}`);

try {
  await Promise.race([download('asia', 400), timeout(250)]);
} catch (error) {
  console.log(`gave up: ${error instanceof Error ? error.message : String(error)}`);
}
// Nothing stopped the losers: watch eu and asia finish anyway.

export {}; // this file is a module
