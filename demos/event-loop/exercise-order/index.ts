// Exercise: make the five lines print in the order of their numbers.
// Change only how each callback is scheduled: call it at once, pass it to
// queueMicrotask, or to setTimeout. Do not move any statement.
const say = (line: string) => () => {
  console.log(line);
};

setTimeout(say('5 a timer set first'), 0);

async function load(): Promise<void> {
  console.log('1 load starts');
  await Promise.resolve();
  console.log('3 load resumes after its await');
  setTimeout(say('4 what load scheduled'), 0);
}
void load();

setTimeout(say('2 the script goes on'), 0);

export {}; // this file is a module
