// Promise.allSettled waits for every task and reports each outcome,
// so one failure no longer hides the other results.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fetchDoc(n: number): Promise<string> {
  await sleep(100 * n);
  if (n === 2) throw new Error(`Bad doc ${n}`);
  return `doc ${n}`;
}

const outcomes = await Promise.allSettled([0, 1, 2, 3, 4].map((n) => fetchDoc(n)));

for (const [n, outcome] of outcomes.entries()) {
  if (outcome.status === 'fulfilled') {
    console.log(`${n}: ok     ${outcome.value}`);
  } else {
    const reason: unknown = outcome.reason;
    console.log(`${n}: failed ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}
console.log(outcomes.map((outcome) => outcome.status));

export {}; // this file is a module
