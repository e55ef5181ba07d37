// Inside one callback, queue work three ways. The browser has two queues:
// microtasks (promise jobs, queueMicrotask) and tasks (timers, messages…).
setTimeout(() => {
  console.log('1. callback: a timer callback runs');

  setTimeout(() => {
    console.log('5. task: setTimeout(…, 0), a later task');
  }, 0);

  void Promise.resolve().then(() => {
    console.log('2. microtask: a promise job');
    queueMicrotask(() => {
      console.log('4. microtask: queued by a microtask, still before any task');
    });
  });

  queueMicrotask(() => {
    console.log('3. microtask: queueMicrotask');
  });
}, 0);

export {}; // this file is a module
