/** Stand-ins for a main context's worker and control port, for host tests. */
import type { HostToSandbox } from '../protocol';
import type { PortLike, PreparedContext, WorkerLike } from './session';

export class FakePort<Message = HostToSandbox> implements PortLike<Message> {
  readonly sent: Message[] = [];
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  closed = false;

  postMessage(message: Message): void {
    this.sent.push(message);
  }

  close(): void {
    this.closed = true;
  }

  /** What the sandbox context would send. */
  deliver(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

export class FakeWorker implements WorkerLike {
  terminated = false;
  private readonly errorListeners: ((event: ErrorEvent) => void)[] = [];

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(_type: 'error', listener: (event: ErrorEvent) => void): void {
    this.errorListeners.push(listener);
  }

  fail(message: string): void {
    const event = { message, preventDefault: () => undefined } as unknown as ErrorEvent;
    for (const listener of this.errorListeners) listener(event);
  }
}

export function fakeContext<Message = HostToSandbox>(): PreparedContext<Message> & {
  worker: FakeWorker;
  port: FakePort<Message>;
} {
  return { worker: new FakeWorker(), port: new FakePort<Message>() };
}
