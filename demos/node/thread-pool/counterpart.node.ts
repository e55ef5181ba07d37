// The same in Node: crypto.pbkdf2 runs on libuv's thread pool, and so do fs and
// dns.lookup. Sockets do not: the loop waits on them itself (epoll on Linux).
import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';

// 4 is the default. Setting it here keeps the run independent of the
// environment; libuv reads it once, at the pool's first use, so it must be set
// before that (the imports above do not touch the pool).
process.env.UV_THREADPOOL_SIZE = '4';

const ITERATIONS = 200_000;

function hash(): Promise<void> {
  return new Promise((resolve, reject) => {
    pbkdf2('secret', 'salt', ITERATIONS, 32, 'sha256', (error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

/** A TCP round trip to a server in this process, over 127.0.0.1 (an address: no lookup). */
async function tcpEcho(): Promise<void> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const client = connect(port, '127.0.0.1', () => client.write('ping'));
    client.once('data', () => {
      client.end();
      resolve();
    });
    client.once('error', reject);
  });
  server.close();
}

/** Starts `hashes` pbkdf2 calls, then `probe`: did the probe finish before all of them? */
async function finishesFirst(hashes: number, probe: () => Promise<unknown>): Promise<boolean> {
  let hashed = 0;
  const calls = Array.from({ length: hashes }, () => hash().then(() => hashed++));
  const first = probe().then(
    () => hashed === 0,
    () => hashed === 0, // a failed lookup still went through the pool
  );
  await Promise.all(calls);
  return first;
}

/** Runs `work` while a 10 ms timer counts its ticks. */
async function ticksDuring(work: () => unknown): Promise<{ ticks: number; ms: number }> {
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  clearInterval(ticker);
  return { ticks, ms };
}

// 1. The *Sync version runs on the main thread: nothing else can run meanwhile.
const durations: number[] = [];
const blocked = await ticksDuring(() => {
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    pbkdf2Sync('secret', 'salt', ITERATIONS, 32, 'sha256');
    durations.push(performance.now() - start);
  }
});
const one = Math.min(...durations);
console.log(`pbkdf2Sync, twice, on the main thread: the 10 ms timer ticked ${blocked.ticks} times`);

// 2. Exactly four threads: a fourth free one answers at once, a fifth does not exist.
const file = () => readFile(import.meta.filename);
console.log(`3 pbkdf2 calls running: fs.readFile finished first: ${await finishesFirst(3, file)}`);
console.log(`4 pbkdf2 calls running: fs.readFile waited: ${!(await finishesFirst(4, file))}`);
const local = () => lookup('localhost');
console.log(`4 pbkdf2 calls running: dns.lookup waited: ${!(await finishesFirst(4, local))}`);
console.log(`4 pbkdf2 calls running: a TCP echo did not wait: ${await finishesFirst(4, tcpEcho)}`);

// 3. Eight calls: four run, four wait in the queue. The fifth to finish cannot
//    have started before the first one finished, and then needs the time of a
//    whole call (half of it here, to allow for a machine whose load changes).
const finished: number[] = [];
const start = performance.now();
const eight = await ticksDuring(() =>
  Promise.all(
    Array.from({ length: 8 }, () => hash().then(() => finished.push(performance.now() - start))),
  ),
);
const [first = 0, , , , fifth = 0] = finished;
console.log(`8 pbkdf2 calls: the last four waited for the first four: ${fifth - first >= one / 2}`);
// An idle thread would tick ms / 10 times; a quarter of that allows for a busy machine.
console.log(
  `8 pbkdf2 calls: the main thread's timer kept ticking: ${eight.ticks >= eight.ms / 40}`,
);
