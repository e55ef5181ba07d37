// The download takes an AbortSignal and checks it after every part;
// AbortSignal.timeout aborts it after 375 ms, with a TimeoutError.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let parts = 0;

async function download(file: string, signal: AbortSignal): Promise<string> {
  for (let part = 1; part <= 4; part++) {
    await sleep(150); // fetch one part
    signal.throwIfAborted(); // stop here once the caller has given up
    parts++;
  }
  return `${file}: all 4 parts`;
}

try {
  console.log(await download('report.pdf', AbortSignal.timeout(375)));
} catch (error) {
  console.log(`gave up: ${error instanceof Error ? error.name : String(error)}`);
}

const partsWhenGivingUp = parts;
await sleep(400);
console.log(`parts fetched after giving up: ${parts - partsWhenGivingUp}`);

export {}; // this file is a module
