// The work lives in the worker module: the main thread sends only a number.
import { sumOfSquares, type Timed } from './squares.ts';

self.onmessage = (event: MessageEvent<number>) => {
  const start = performance.now();
  const total = sumOfSquares(event.data);
  const reply: Timed = { total, ms: performance.now() - start };
  self.postMessage(reply);
};
