/** Keeps this thread busy for `ms` milliseconds: blocking work. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}
