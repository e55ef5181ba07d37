// The program gives up on a slow download after 375 ms, but the download
// does not stop: it keeps fetching parts nobody will use. Make the timeout
// stop it.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let parts = 0;

async function download(file: string): Promise<string> {
  for (let part = 1; part <= 4; part++) {
    await sleep(150); // fetch one part
    parts++;
  }
  return `${file}: all 4 parts`;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
  });
}

try {
  console.log(await Promise.race([download('report.pdf'), timeout(375)]));
} catch (error) {
  console.log(`gave up: ${error instanceof Error ? error.name : String(error)}`);
}

const partsWhenGivingUp = parts;
await sleep(400);
console.log(`parts fetched after giving up: ${parts - partsWhenGivingUp}`);

export {}; // this file is a module
