// Sleeps 200 ms for real: Atomics.wait stops this thread, so not even a timer
// that is already due can run until the wait is over.
self.onmessage = (event: MessageEvent<Int32Array<SharedArrayBuffer>>) => {
  const state = event.data; // shared with the main program
  const sleeper = new Int32Array(new SharedArrayBuffer(4)); // private: nobody will notify it
  const start = performance.now();
  const since = () => Math.round(performance.now() - start);

  // Due at once, yet it runs only after the code below, once the handler returns.
  setTimeout(() => {
    self.postMessage({ result, slept, timerRanAt: since() });
  }, 0);

  Atomics.store(state, 0, 1); // asleep…
  Atomics.notify(state, 0);
  const result = Atomics.wait(sleeper, 0, 0, 200); // slot 0 stays 0: sleep the full 200 ms
  const slept = since();
  Atomics.store(state, 0, 2); // …awake
  Atomics.notify(state, 0);
};
