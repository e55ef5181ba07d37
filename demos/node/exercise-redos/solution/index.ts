// A solution: one word, then any number of groups that each begin with exactly
// one space. A run of letters can now be matched in only one way, so a failing
// input fails after a number of steps that grows with its length, not with 2ⁿ.
const words = /^\w+( \w+)*$/; // a word, then groups that each begin with one space

const inputs = ['hello world', 'two  spaces', 'trailing space ', 'a'.repeat(24) + '!'];

let slowest = 0;
for (const input of inputs) {
  const start = performance.now();
  const valid = words.test(input);
  slowest = Math.max(slowest, performance.now() - start);
  console.log(`${JSON.stringify(input)}: ${valid}`);
}
console.log(`slowest check under 10 ms: ${slowest < 10}`);

export {}; // this file is a module
