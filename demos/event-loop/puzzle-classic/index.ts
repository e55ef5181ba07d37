// Predict the order: a timer, a promise chain and two plain logs.
console.log('A script start');

setTimeout(() => {
  console.log('B timeout 0 ms');
}, 0);

void Promise.resolve()
  .then(() => {
    console.log('C first then');
  })
  .then(() => {
    console.log('D second then');
  });

console.log('E script end');

export {}; // this file is a module
