// Predict the order: `return promise` costs two more microtask turns than `return await`.
async function returnsPromise(): Promise<string> {
  return Promise.resolve('x');
}

async function returnsAwaited(): Promise<string> {
  return await Promise.resolve('y');
}

void returnsPromise().then(() => {
  console.log('A return promise settled');
});
void returnsAwaited().then(() => {
  console.log('B return await settled');
});

void Promise.resolve()
  .then(() => {
    console.log('C tick 1');
  })
  .then(() => {
    console.log('D tick 2');
  })
  .then(() => {
    console.log('E tick 3');
  })
  .then(() => {
    console.log('F tick 4');
  });

export {}; // this file is a module
