// A solution. Line 2 must run before every microtask: call it at once.
// Line 4 must run before the timer already waiting: a microtask does (so would
// a plain call).
const say = (line: string) => () => {
  console.log(line);
};

setTimeout(say('5 a timer set first'), 0);

async function load(): Promise<void> {
  console.log('1 load starts');
  await Promise.resolve();
  console.log('3 load resumes after its await');
  queueMicrotask(say('4 what load scheduled'));
}
void load();

say('2 the script goes on')();

export {}; // this file is a module
