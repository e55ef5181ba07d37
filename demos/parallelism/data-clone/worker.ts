// The fix: the function lives in the worker's own module.
// Only data (a number) crosses the thread boundary.
function sumOfSquares(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += i * i;
  return total;
}

self.onmessage = (event: MessageEvent<number>) => {
  self.postMessage(sumOfSquares(event.data));
};
