// Promise.any settles with the first task that succeeds. Only if every task
// fails does it reject, with an AggregateError that holds all the reasons.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function download(mirror: string, ms: number, up: boolean): Promise<string> {
  await sleep(ms);
  if (!up) throw new Error(`${mirror} is down`);
  return `report.pdf from ${mirror}`;
}

// 'us' answers first but fails; 'asia' is the first to succeed.
const file = await Promise.any([
  download('eu', 300, true),
  download('us', 100, false),
  download('asia', 200, true),
]);
console.log(file);

try {
  await Promise.any([download('eu', 100, false), download('us', 200, false)]);
} catch (error) {
  if (error instanceof AggregateError) {
    console.log(`${error.name}: ${error.message}`);
    const reasons: unknown[] = error.errors;
    for (const reason of reasons) {
      console.log(`  - ${reason instanceof Error ? reason.message : String(reason)}`);
    }
  }
}

export {}; // this file is a module
