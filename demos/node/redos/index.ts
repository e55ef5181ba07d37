// A regular expression with a nested quantifier, (a+)+, against input that
// almost matches. Before failing, the engine tries every way of splitting the
// a's between the inner and the outer +: about twice as many for each extra a.
const nested = /^(a+)+$/;
const flat = /^a+$/; // matches exactly the same strings

/** Milliseconds per check: the best of three timings, each at least 5 ms long. */
function msPerCheck(pattern: RegExp, input: string): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let checks = 0;
    const start = performance.now();
    while (performance.now() - start < 5 || checks === 0) {
      pattern.test(input);
      checks++;
    }
    best = Math.min(best, (performance.now() - start) / checks);
  }
  return best;
}

const sizes = [15, 16, 17, 18, 19, 20, 21, 22];
const inputs = sizes.map((n) => 'a'.repeat(n) + '!');
msPerCheck(nested, 'aaaaaaaaaa!'); // warm-up: the first timing should not include compiling the pattern
const times = inputs.map((input) => msPerCheck(nested, input));

console.log("/^(a+)+$/ against 'a'.repeat(n) + '!':");
for (const n of [16, 19, 22]) {
  console.log(`n = ${n}: ${times[sizes.indexOf(n)]?.toFixed(1)} ms`);
}

// Fit a straight line to log2(time) against n: a slope of 1 means the time
// doubles with each extra a.
const logs = times.map((ms) => Math.log2(ms));
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const [meanN, meanLog] = [mean(sizes), mean(logs)];
let covariance = 0;
let variance = 0;
sizes.forEach((n, i) => {
  covariance += (n - meanN) * ((logs[i] ?? 0) - meanLog);
  variance += (n - meanN) ** 2;
});
const factor = 2 ** (covariance / variance);
console.log(`each extra a multiplies the time by ${factor.toFixed(1)}`);

const flatTimes = inputs.map((input) => msPerCheck(flat, input));
console.log(`/^a+$/ on the same inputs: every check under 0.1 ms: ${Math.max(...flatTimes) < 0.1}`);

export {}; // this file is a module
