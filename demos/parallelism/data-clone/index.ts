// Messages to a worker are copied with the structured clone algorithm.
// Data can be copied; code cannot.
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

const square = (i: number) => i * i;

// 1. Sending a function, as a process pool does when it pickles one.
try {
  worker.postMessage({ work: square, n: 1000 });
} catch (error) {
  if (!(error instanceof DOMException)) throw error;
  console.log(error.name);
  console.log(error.message);
}

// 2. Sending data to a worker whose module already has the function.
worker.onmessage = (event: MessageEvent<number>) => {
  console.log(`the worker computed ${event.data}`);
  worker.terminate();
};
worker.postMessage(1000);
