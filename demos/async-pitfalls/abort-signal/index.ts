// Cancelling in JavaScript is cooperative: the caller aborts a signal, and the
// work stops only where it checks that signal. Here every wait checks it.
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

async function download(mirror: string, signal: AbortSignal): Promise<string> {
  for (let part = 1; part <= 5; part++) {
    await sleep(200, signal);
    console.log(`${mirror}: part ${part} of 5`);
  }
  return `report.pdf from ${mirror}`;
}

const describe = (error: unknown) => (error instanceof Error ? error.name : String(error));

// A deadline: the signal aborts itself after 300 ms.
try {
  await download('eu', AbortSignal.timeout(300));
} catch (error) {
  console.log(`eu stopped: ${describe(error)}`);
}

// By hand: whoever holds the controller can abort.
const controller = new AbortController();
const job = download('us', controller.signal);
setTimeout(() => {
  controller.abort();
}, 300);
try {
  await job;
} catch (error) {
  console.log(`us stopped: ${describe(error)}`);
}

export {}; // this file is a module
