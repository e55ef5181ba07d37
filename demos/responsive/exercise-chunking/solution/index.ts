// A solution: count in slices of about 10 ms (the clock is read every 1000
// numbers, since reading it costs time too), and give the loop back between
// slices with a setTimeout(0). The ticker runs in the gaps.
const start = performance.now();

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

const nextTask = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 0);
  });

async function countPrimes(below: number): Promise<number> {
  let count = 0;
  let sliceEnd = performance.now() + 10;
  for (let n = 0; n < below; n++) {
    if (isPrime(n)) count++;
    if (n % 1000 === 0 && performance.now() >= sliceEnd) {
      await nextTask(); // the ticker (and, in a page, rendering) gets its turn
      sliceEnd = performance.now() + 10;
    }
  }
  return count;
}

const ticks: number[] = [];
const ticker = setInterval(() => {
  ticks.push(performance.now() - start);
}, 50);

const count = await countPrimes(2_000_000);
const finished = performance.now() - start;
clearInterval(ticker);

const times = [0, ...ticks, finished];
const longestGap = Math.max(...times.slice(1).map((at, i) => at - (times[i] ?? 0)));
console.log(`primes below 2 000 000: ${count}`);
console.log(`the ticker ran at least 3 times while counting: ${String(ticks.length >= 3)}`);
console.log(`longest gap between ticks: under 200 ms: ${String(longestGap < 200)}`);

export {}; // this file is a module
