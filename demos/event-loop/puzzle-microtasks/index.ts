// Predict the order: queueMicrotask, then, and a microtask queued by a microtask.
setTimeout(() => {
  console.log('A timeout 0 ms');
}, 0);

queueMicrotask(() => {
  console.log('B queueMicrotask');
});

void Promise.resolve().then(() => {
  console.log('C then');
  queueMicrotask(() => {
    console.log('D queued by the then callback');
  });
});

console.log('E script end');

export {}; // this file is a module
