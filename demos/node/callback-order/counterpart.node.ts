// The same in Node, which has two more ways to queue work: process.nextTick
// (a queue of its own, drained before the promise jobs) and setImmediate (the
// loop's check phase).
import { readFile } from 'node:fs';

// 1. The top of an ES module. Node evaluates a module inside a promise job, so
//    when the module's code ends the microtask queue is still being drained:
//    here, and only here, promise jobs come before nextTick callbacks.
process.nextTick(() => {
  console.log('top of an ES module: 2. process.nextTick');
});
void Promise.resolve().then(() => {
  console.log('top of an ES module: 1. a promise job (the module runs inside one)');
});

// 2. setTimeout(…, 0) against setImmediate, from the main module. The timer is
//    due 1 ms after it was set; whether that has passed when the loop first
//    reaches its timers phase depends on the machine, so either may come first.
let seen = 0;
function oneOfTwo(): void {
  seen += 1;
  if (seen === 2) insideAnIoCallback();
}
setTimeout(() => {
  console.log('main module: setTimeout(…, 0), in a timers phase');
  oneOfTwo();
}, 0);
setImmediate(() => {
  console.log('main module: setImmediate, in a check phase');
  oneOfTwo();
});

// 3. Inside an I/O callback the order is fixed: after the poll phase comes the
//    check phase of the same turn, and the timers phase only in the next turn.
function insideAnIoCallback(): void {
  readFile(import.meta.filename, () => {
    console.log("inside an I/O callback: 1. fs.readFile's callback, in the poll phase");

    setTimeout(() => {
      console.log('inside an I/O callback: 8. setTimeout(…, 0), timers phase of the next turn');
    }, 0);
    setImmediate(() => {
      console.log('inside an I/O callback: 7. setImmediate, check phase of this turn');
    });
    void Promise.resolve().then(() => {
      console.log('inside an I/O callback: 3. a promise job');
      process.nextTick(() => {
        console.log('inside an I/O callback: 6. a nextTick queued by a promise job');
      });
      queueMicrotask(() => {
        console.log('inside an I/O callback: 5. a microtask queued by a promise job');
      });
    });
    queueMicrotask(() => {
      console.log('inside an I/O callback: 4. queueMicrotask');
    });
    process.nextTick(() => {
      console.log('inside an I/O callback: 2. process.nextTick, before any promise job');
    });
  });
}
