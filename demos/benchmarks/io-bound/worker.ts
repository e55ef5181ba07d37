// An I/O-bound task inside a worker: it just waits, then answers.
self.onmessage = (event: MessageEvent<number>) => {
  const ms = event.data;
  setTimeout(() => {
    self.postMessage(ms);
  }, ms);
};

export {}; // this file is a module
