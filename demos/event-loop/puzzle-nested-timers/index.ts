// Predict the order: a timer that schedules a timer and a microtask.
setTimeout(() => {
  console.log('A outer timeout 0 ms');
  setTimeout(() => {
    console.log('B inner timeout 0 ms');
  }, 0);
  void Promise.resolve().then(() => {
    console.log('C microtask queued by the outer timeout');
  });
}, 0);

setTimeout(() => {
  console.log('D timeout 50 ms');
}, 50);

setTimeout(() => {
  console.log('E second timeout 0 ms');
}, 0);

export {}; // this file is a module
