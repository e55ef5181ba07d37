// Who runs first? Synchronous code, then every microtask, then timers.
console.log('1. sync: the script starts');

setTimeout(() => {
  console.log('7. timer: setTimeout(…, 0) waits for the microtasks');
}, 0);

queueMicrotask(() => {
  console.log('4. microtask: queueMicrotask callback');
});

void Promise.resolve('value').then((value) => {
  console.log(`5. microtask: .then callback got '${value}'`);
});

async function task(): Promise<void> {
  console.log('2. sync: an async function runs at once, up to its first await');
  await Promise.resolve();
  console.log('6. microtask: the rest of the async function, after await');
}
void task();

console.log('3. sync: the script ends; only now do queued callbacks run');

export {}; // this file is a module
