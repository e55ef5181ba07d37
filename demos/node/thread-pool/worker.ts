// One job: `steps` rounds of arithmetic, standing for a slow hash. 0 steps is
// a tiny job that answers at once.
self.onmessage = (event: MessageEvent<number>) => {
  let state = 1;
  for (let i = 0; i < event.data; i++) {
    state = (state * 31 + i) % 1_000_003;
  }
  self.postMessage(state);
};

export {}; // this file is a module
