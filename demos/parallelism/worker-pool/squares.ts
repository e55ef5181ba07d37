/** CPU-bound work: the sum of i² for every i below n. */
export function sumOfSquares(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i * i;
  }
  return total;
}

/** A worker's reply: the result, and how long the worker took to compute it. */
export interface Timed {
  total: number;
  ms: number;
}
