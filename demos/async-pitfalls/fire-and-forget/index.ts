// Fire and forget: start work in the background and keep no reference to it.
// In JavaScript that is safe: the timer the work waits on holds it, and it
// runs to the end. What it does need is a handler for failure, or the
// rejection is unhandled.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function audit(event: string): Promise<void> {
  await sleep(100); // write to the audit log
  if (event.includes('secret')) throw new Error(`cannot log "${event}"`);
  console.log(`audit log: ${event}`);
}

function inBackground(work: Promise<void>): void {
  work.catch((error: unknown) => {
    console.log(`background task failed: ${error instanceof Error ? error.message : 'error'}`);
  });
}

inBackground(audit('doc 1 opened'));
inBackground(audit('secret opened'));
console.log('request answered; the audit runs in the background');

export {}; // this file is a module
