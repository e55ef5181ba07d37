// Predict the order: an await and a .then chain take turns.
async function work(): Promise<void> {
  console.log('A work starts');
  // eslint-disable-next-line @typescript-eslint/await-thenable -- the point: even a plain value waits a turn
  await null;
  console.log('B work resumes after await');
}

void Promise.resolve()
  .then(() => {
    console.log('C then 1');
  })
  .then(() => {
    console.log('D then 2');
  });

void work();
console.log('E script end');

export {}; // this file is a module
