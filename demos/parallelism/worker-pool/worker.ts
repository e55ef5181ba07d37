// The work lives in the worker module: the main thread sends only a number.
import { sumOfSquares } from './squares.ts';

self.onmessage = (event: MessageEvent<number>) => {
  self.postMessage(sumOfSquares(event.data));
};
