// A JavaScript async function runs synchronously until its first `await`:
// `started` is printed before the caller's next line.
async function work(name: string): Promise<void> {
  console.log(`${name}: started`);
  await Promise.resolve(); // the first suspension: the caller resumes here
  console.log(`${name}: resumed`);
}

const promise = work('task');
console.log('caller: after the call');
await promise;

export {}; // this file is a module
