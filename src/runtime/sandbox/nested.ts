/**
 * `Worker` inside a sandbox: sandbox files become nested contexts, each with
 * a control port of its own. User messages from a child travel on that port
 * too (see `ChildToParent`) and are delivered to its `Worker` object here.
 */
import {
  isChildToParent,
  SANDBOX_URL_BASE,
  type ContextConfig,
  type HostToSandbox,
  type PrepareMessage,
  type SandboxToHost,
} from '../protocol';
import type { ChildCounts } from './activity';
import { contextName, type Recorder } from './recorder';

interface Child extends ChildCounts {
  id: string;
  worker: Worker;
  port: MessagePort;
  /** The worker's span in this context's trace (0 when not tracing). */
  span: number;
  /** What this context's busy slice for one of its messages is called. */
  messageLabel: string;
}

export interface NestedDeps {
  config: ContextConfig;
  NativeWorker: typeof Worker;
  loaderURL: string;
  /** Sandbox files this context linked. */
  files: ReadonlySet<string>;
  /** Passes a child's control message on toward the host. */
  relay(message: SandboxToHost): void;
  createChannel(): MessageChannel;
  /** Notes workers and messages in this context's trace; none when not tracing. */
  recorder?: Recorder | undefined;
}

export class NestedWorkers {
  private readonly children = new Map<string, Child>();
  private readonly byWorker = new WeakMap<Worker, Child>();
  private count = 0;

  constructor(private readonly deps: NestedDeps) {}

  *counts(): Iterable<[string, ChildCounts]> {
    for (const [id, child] of this.children) yield [id, child];
  }

  probe(round: number): void {
    for (const child of this.children.values()) {
      child.port.postMessage({ kind: 'probe', round } satisfies HostToSandbox);
    }
  }

  /** The sandbox file a `new Worker(specifier)` names. */
  resolve(specifier: string | URL): string {
    const href = new URL(String(specifier), `${SANDBOX_URL_BASE}/`).href;
    let path = '';
    if (href.startsWith(`${SANDBOX_URL_BASE}/`)) {
      path = href.slice(SANDBOX_URL_BASE.length);
      try {
        path = decodeURIComponent(path);
      } catch {
        // Not valid percent-encoding: the name is meant literally.
      }
    }
    const found = [path, `${path}.ts`, path.replace(/\.js$/, '.ts')].find((p) =>
      this.deps.files.has(p),
    );
    if (!found) {
      throw new TypeError(
        `Failed to construct 'Worker': ${String(specifier)} is not a file of this sandbox. ` +
          `Use new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }).`,
      );
    }
    return found;
  }

  /** The `Worker` class user code sees. */
  workerClass(): typeof Worker {
    const { NativeWorker, loaderURL } = this.deps;
    const resolve = (specifier: string | URL): string => this.resolve(specifier);
    const attach = (worker: Worker, path: string): void => {
      this.attach(worker, path);
    };
    const detach = (worker: Worker): void => {
      this.detach(worker);
    };
    const childOf = (worker: Worker): Child | undefined => this.byWorker.get(worker);
    const recorder = this.deps.recorder;
    class SandboxWorker extends NativeWorker {
      constructor(specifier: string | URL, options?: WorkerOptions) {
        const path = resolve(specifier);
        // The loader is a classic worker (see host/frame.ts) of this context's opaque origin.
        super(loaderURL, options?.name ? { name: options.name } : {});
        attach(this, path);
      }

      override postMessage(
        message: unknown,
        options?: Transferable[] | StructuredSerializeOptions,
      ): void {
        super.postMessage(message, options as StructuredSerializeOptions);
        const child = childOf(this);
        if (!child) return;
        child.sent += 1;
        recorder?.sent(child.id, child.sent);
      }

      override terminate(): void {
        super.terminate();
        detach(this);
      }
    }
    Object.defineProperty(SandboxWorker, 'name', { value: 'Worker' });
    return SandboxWorker;
  }

  private attach(worker: Worker, path: string): void {
    const { config, NativeWorker } = this.deps;
    this.count += 1;
    const id = `${config.contextId}.${this.count}`;
    const ordinal = id.split('.').slice(1).join('.');
    const label = `worker ${ordinal} (${path})`;
    const span = this.deps.recorder?.begin('worker', label, id) ?? 0;
    const channel = this.deps.createChannel();
    const child: Child = {
      id,
      worker,
      port: channel.port1,
      sent: 0,
      received: 0,
      span,
      messageLabel: `message from ${contextName(id)}`,
    };
    this.children.set(id, child);
    this.byWorker.set(worker, child);
    // The native postMessage: this is no user message. Sent before user code
    // can post anything, so it is the child's first message.
    NativeWorker.prototype.postMessage.call(
      worker,
      {
        kind: 'prepare',
        bootstrapSource: config.bootstrapSource,
        port: channel.port2,
      } satisfies PrepareMessage,
      { transfer: [channel.port2] },
    );
    const childConfig: ContextConfig = {
      ...config,
      entry: path,
      contextId: id,
      label,
    };
    channel.port1.postMessage({ kind: 'boot', config: childConfig } satisfies HostToSandbox);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      this.receive(child, event);
    };
    // Only the messages delivered from the port are the child's; a native one
    // got past the child's `postMessage` and is not counted there.
    worker.addEventListener('message', (event) => {
      if (event.isTrusted) event.stopImmediatePropagation();
    });
    // The nested context reports its own uncaught errors with a full stack;
    // stopping the default keeps the browser from raising it again here.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
    });
  }

  private receive(child: Child, event: MessageEvent<unknown>): void {
    const message = event.data;
    if (!isChildToParent(message) || !this.children.has(child.id)) return;
    if (message.kind === 'user-message') {
      const recorder = this.deps.recorder;
      if (message.trace) this.deps.relay(message.trace);
      child.received += 1;
      recorder?.received(child.id, child.received, child.messageLabel);
      child.worker.dispatchEvent(
        new MessageEvent('message', { data: message.data, ports: [...event.ports] }),
      );
      recorder?.leave();
      return;
    }
    if (message.kind === 'closed' && message.contextId === child.id) this.detach(child.worker);
    this.deps.relay(message);
  }

  private detach(worker: Worker): void {
    const child = this.byWorker.get(worker);
    if (!child) return;
    this.byWorker.delete(worker);
    this.children.delete(child.id);
    child.port.close();
    if (child.span) this.deps.recorder?.end(child.span, 'ended');
  }
}
