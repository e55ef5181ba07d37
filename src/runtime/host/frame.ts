/**
 * The sandbox frame: an `<iframe sandbox="allow-scripts">` of the runtime
 * page whose document is a `srcdoc`, so it has an opaque origin of its own,
 * and which starts every main context of a sandbox as a `blob:` classic worker.
 *
 * Why a frame between the runtime page and the workers (measured, see the
 * cross-origin isolation reference): a `data:` worker has an opaque origin but
 * is never cross-origin isolated, so it can never share memory; a `blob:`
 * worker of the runtime page would be isolated but have the docs site's
 * origin. A `blob:` worker made inside an opaque-origin frame is both: no
 * access to the site's storage, cookies or DOM, and `SharedArrayBuffer` when
 * the page is isolated. The frame is a `srcdoc` document because it inherits
 * the runtime page's embedder policy: on a host without headers the service
 * worker adds them to responses, and it never sees a sandboxed frame's own
 * navigation, which an isolated page would then refuse.
 *
 * The frame runs only `frameAgent` below; user code runs in its workers.
 */
import {
  FRAME_CONNECT,
  FRAME_READY,
  isFrameEvent,
  type FrameCommand,
  type HostToSandbox,
} from '../protocol';
import { LOADER_SOURCE } from '../sandbox/loader';
import type { PreparedContext, WorkerLike } from './session';

/**
 * Runs inside the sandbox frame, from its own `.toString()`: it may use
 * nothing but its parameters and the frame's globals. It listens for the
 * runtime page's port, then starts and terminates workers as told. Only its
 * parent can hand it the port; once it has one it listens to nobody else.
 */
export function frameAgent(loaderSource: string, ready: string, connect: string): void {
  const loader = URL.createObjectURL(new Blob([loaderSource], { type: 'text/javascript' }));
  const workers = new Map<number, Worker>();
  const onConnect = (event: MessageEvent<unknown>): void => {
    const port = event.ports[0];
    if (event.source !== parent || event.data !== connect || !port) return;
    removeEventListener('message', onConnect);
    port.onmessage = (message: MessageEvent<unknown>) => {
      const command = message.data as
        | {
            kind?: unknown;
            id?: unknown;
            name?: unknown;
            bootstrapSource?: unknown;
            port?: unknown;
          }
        | null
        | undefined;
      if (typeof command?.id !== 'number') return;
      const id = command.id;
      if (command.kind === 'terminate') {
        workers.get(id)?.terminate();
        workers.delete(id);
        return;
      }
      if (
        command.kind !== 'spawn' ||
        typeof command.bootstrapSource !== 'string' ||
        !(command.port instanceof MessagePort)
      ) {
        return;
      }
      // A classic worker: a module worker from a blob of an opaque origin
      // fails to load (Chromium 153), and the loader needs nothing but `import()`.
      const worker = new Worker(loader, {
        name: typeof command.name === 'string' ? command.name : 'sandbox',
      });
      worker.addEventListener('error', (error) => {
        error.preventDefault();
        port.postMessage({ kind: 'worker-error', id, message: error.message });
      });
      worker.postMessage(
        { kind: 'prepare', bootstrapSource: command.bootstrapSource, port: command.port },
        [command.port],
      );
      workers.set(id, worker);
    };
  };
  addEventListener('message', onConnect);
  parent.postMessage(ready, '*');
}

/** The frame's whole document. */
export function frameDocument(): string {
  const args = [LOADER_SOURCE, FRAME_READY, FRAME_CONNECT].map((value) =>
    // Inside a <script>, `<` could end it early; as an escape it is the same string.
    JSON.stringify(value).replaceAll('<', '\\u003c'),
  );
  return `<!doctype html><meta charset="utf-8"><script>(${frameAgent.toString()})(${args.join(',')});</script>`;
}

function errorEvent(message: string): ErrorEvent {
  return new ErrorEvent('error', { message, cancelable: true });
}

/** A context's worker as the runtime page sees it: it lives in the frame. */
class FrameWorker implements WorkerLike {
  private readonly errorListeners: ((event: ErrorEvent) => void)[] = [];
  /** A spare context can fail before a session listens; the session still hears of it. */
  private failure: string | undefined;

  constructor(
    private readonly id: number,
    private readonly send: (command: FrameCommand, transfer?: Transferable[]) => void,
  ) {}

  terminate(): void {
    this.send({ kind: 'terminate', id: this.id });
  }

  addEventListener(_type: 'error', listener: (event: ErrorEvent) => void): void {
    this.errorListeners.push(listener);
    if (this.failure !== undefined) listener(errorEvent(this.failure));
  }

  fail(message: string): void {
    this.failure = message;
    for (const listener of this.errorListeners) listener(errorEvent(message));
  }
}

export class SandboxFrame {
  private readonly channel = new MessageChannel();
  private readonly workers = new Map<number, FrameWorker>();
  private nextId = 0;

  /** Adds the frame to `document`; commands sent before it is ready wait in the channel. */
  constructor(document: Document) {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('allow', 'cross-origin-isolated');
    iframe.title = 'Sandbox';
    iframe.hidden = true;
    iframe.srcdoc = frameDocument();
    const view = document.defaultView;
    const onReady = (event: MessageEvent<unknown>): void => {
      // A sandboxed frame's origin is opaque: it is recognised by its window.
      if (event.source !== iframe.contentWindow || event.data !== FRAME_READY) return;
      view?.removeEventListener('message', onReady);
      iframe.contentWindow?.postMessage(FRAME_CONNECT, '*', [this.channel.port2]);
    };
    view?.addEventListener('message', onReady);
    this.channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isFrameEvent(message)) return;
      this.workers.get(message.id)?.fail(message.message);
    };
    document.body.append(iframe);
  }

  /**
   * Starts a main context (or, with the stepper's bundle, a stepper) in the
   * frame; it loads its bootstrap at once and waits for `boot`.
   */
  prepare<Message = HostToSandbox>(
    bootstrapSource: string,
    name = 'sandbox main',
  ): PreparedContext<Message> {
    const id = ++this.nextId;
    const worker = new FrameWorker(id, (command, transfer = []) => {
      this.channel.port1.postMessage(command, transfer);
      if (command.kind === 'terminate') this.workers.delete(id);
    });
    this.workers.set(id, worker);
    const control = new MessageChannel();
    const spawn: FrameCommand = {
      kind: 'spawn',
      id,
      name,
      bootstrapSource,
      port: control.port2,
    };
    this.channel.port1.postMessage(spawn, [control.port2]);
    return { worker, port: control.port1 };
  }
}
