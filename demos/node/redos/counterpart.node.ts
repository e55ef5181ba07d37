// The same in Node, as a denial of service. A TCP server checks each message
// against the nested pattern, on its one thread. Two clients, in a worker
// thread so that they keep running: the first sends an almost-matching string,
// the second sends "ping" while the server is busy with it.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const nested = /^(a+)+$/;
const BAD = 'a'.repeat(24) + '!';

interface Pings {
  idle: number; // ms for a ping to the idle server
  busy: number; // ms for a ping sent while the server checks BAD
}

if (isMainThread) {
  nested.test('aaaaaaaaaa!'); // warm-up
  let checkMs = 0;
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (message: string) => {
      if (message === 'ping') {
        socket.write('pong');
        return;
      }
      socket.write('checking'); // a write is tried at once: this leaves before the check
      const start = performance.now();
      const valid = nested.test(message);
      checkMs = performance.now() - start;
      socket.write(valid ? 'valid' : 'invalid');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();

  const { port } = server.address() as AddressInfo;
  const clients = new Worker(new URL(import.meta.url), { workerData: port });
  const [pings] = (await once(clients, 'message')) as [Pings];
  stalls.disable();
  server.close();

  console.log(`server: checks each message against ${String(nested)} on its one thread`);
  console.log(
    `client 1 sends 24 a's and a '!': the check takes the server ${checkMs.toFixed(0)} ms`,
  );
  console.log(`client 2's ping, sent meanwhile, waited for it: ${pings.busy >= checkMs / 2}`);
  console.log(
    `client 2's ping to the idle server: over 10× faster: ${pings.idle * 10 < pings.busy}`,
  );
  // The longest gap between two ticks of monitorEventLoopDelay's 10 ms timer, in ns.
  console.log(`monitorEventLoopDelay saw the loop stall that long: ${stalls.max / 1e6 >= checkMs}`);
} else {
  /** A client: send(), and until(text), which waits for text from the server. */
  async function client(port: number) {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.setEncoding('utf8');
    let received = ''; // TCP may split or join writes: look for the text in all that came
    let waiting: { text: string; resolve: () => void } | undefined;
    const check = () => {
      const at = waiting ? received.indexOf(waiting.text) : -1;
      if (!waiting || at < 0) return;
      received = received.slice(at + waiting.text.length);
      waiting.resolve();
      waiting = undefined;
    };
    socket.on('data', (chunk: string) => {
      received += chunk;
      check();
    });
    return {
      send: (text: string) => socket.write(text),
      until: (text: string) =>
        new Promise<void>((resolve) => {
          waiting = { text, resolve };
          check();
        }),
      end: () => socket.end(),
    };
  }

  const first = await client(workerData as number);
  const second = await client(workerData as number);
  const ping = async (): Promise<number> => {
    const start = performance.now();
    second.send('ping');
    await second.until('pong');
    return performance.now() - start;
  };

  const idle = await ping();
  first.send(BAD);
  await first.until('checking'); // the server has started the check
  const busy = await ping();
  await first.until('invalid');
  first.end();
  second.end();
  parentPort?.postMessage({ idle, busy } satisfies Pings);
}
