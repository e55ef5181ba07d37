/**
 * A DevTools protocol connection of the bench's own, beside Playwright's.
 *
 * Playwright's `CDPSession` talks to one target and cannot address the child
 * sessions that `Target.setAutoAttach({ flatten: true })` creates, which is
 * how out-of-process frames and workers are reached (and held at their start,
 * `waitForDebuggerOnStart`, until they are throttled). The browser is started
 * with `--remote-debugging-port` as well as Playwright's pipe; this connects to
 * that port with Node's own WebSocket and sends flattened messages with a
 * `sessionId`.
 */
import type { CDPSession, Page } from '@playwright/test';

/** Typed like Playwright's, for one session of this connection. */
export type Send = CDPSession['send'];

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
  sessionId?: string;
}

type Listener = (method: string, params: unknown, sessionId: string | undefined) => void;

export class RawCdp {
  readonly #ws: WebSocket;
  #next = 1;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #listeners = new Set<Listener>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      const message = JSON.parse(event.data) as Message;
      if (message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result);
        return;
      }
      if (message.method) {
        for (const listener of this.#listeners) {
          listener(message.method, message.params, message.sessionId);
        }
      }
    });
    ws.addEventListener('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new Error('CDP closed'));
      this.#pending.clear();
    });
  }

  /** Connects to a browser started with `--remote-debugging-port=<port>`. */
  static async connect(port: number): Promise<RawCdp> {
    const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    const ws = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => {
        resolve();
      });
      ws.addEventListener('error', () => {
        reject(new Error(`could not connect to ${version.webSocketDebuggerUrl}`));
      });
    });
    return new RawCdp(ws);
  }

  /** A sender for one session (the browser's own without an id). */
  session(sessionId?: string): Send {
    const send = (method: string, params?: object): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = this.#next++;
        this.#pending.set(id, { resolve, reject });
        this.#ws.send(JSON.stringify({ id, method, params: params ?? {}, sessionId }));
      });
    return send as Send;
  }

  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  close(): void {
    this.#ws.close();
  }
}

/** One target reached from a page: the page itself, a frame in its own process, a worker. */
export interface TargetNode {
  sessionId: string;
  type: string;
  url: string;
  /** A worker's name, a page's title. */
  title: string;
  /** The session this one was attached from (undefined for the page). */
  parent: string | undefined;
  /** undefined: not asked; true: accepted; a string: the protocol's refusal. */
  throttled: true | string | undefined;
  /** What a refused auto-attach said (e.g. a target that has no Target domain). */
  autoAttach: true | string;
}

/** A page-relative URL for notes, without the long `blob:`/`srcdoc` details. */
export function shortURL(url: string): string {
  if (url.startsWith('blob:')) return 'blob: worker';
  if (url === 'about:srcdoc') return 'srcdoc frame';
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return url || '(no url)';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every target of one page, attached as it appears: the page (and the frames
 * that share its process), each out-of-process frame, each worker, and
 * theirs, recursively. Each is throttled (when `rate` > 1) before it runs.
 */
export class TargetTree {
  /** Attached now, by session id. */
  readonly nodes = new Map<string, TargetNode>();
  /** Every target ever attached, in order, for the notes. */
  readonly seen: TargetNode[] = [];
  readonly #cdp: RawCdp;
  readonly #rate: number;
  readonly #stop: () => void;
  /** Attachments still being set up (throttle, auto-attach, resume). */
  readonly #settling = new Set<Promise<void>>();

  constructor(cdp: RawCdp, rate: number) {
    this.#cdp = cdp;
    this.#rate = rate;
    this.#stop = cdp.onEvent((method, params, sessionId) => {
      if (method === 'Target.attachedToTarget' && sessionId && this.nodes.has(sessionId)) {
        const event = params as {
          sessionId: string;
          targetInfo: { type: string; url: string; title: string };
          waitingForDebugger: boolean;
        };
        const setup = this.#adopt(
          event.sessionId,
          event.targetInfo,
          sessionId,
          event.waitingForDebugger,
        );
        this.#settling.add(setup);
        void setup.finally(() => this.#settling.delete(setup));
      } else if (method === 'Target.detachedFromTarget') {
        this.nodes.delete((params as { sessionId: string }).sessionId);
      }
    });
  }

  /** Attaches to a Playwright page (call before it navigates) and to all it starts from then on. */
  async attach(page: Page): Promise<void> {
    const probe = await page.context().newCDPSession(page);
    const { targetInfo } = await probe.send('Target.getTargetInfo');
    await probe.detach();
    const { sessionId } = await this.#cdp.session()('Target.attachToTarget', {
      targetId: targetInfo.targetId,
      flatten: true,
    });
    await this.#adopt(sessionId, targetInfo, undefined, false);
  }

  async #adopt(
    sessionId: string,
    info: { type: string; url: string; title: string },
    parent: string | undefined,
    waiting: boolean,
  ): Promise<void> {
    const send = this.#cdp.session(sessionId);
    const node: TargetNode = {
      sessionId,
      type: info.type,
      url: info.url,
      title: info.title,
      parent,
      throttled: undefined,
      autoAttach: true,
    };
    this.nodes.set(sessionId, node);
    this.seen.push(node);
    if (this.#rate > 1) {
      try {
        await send('Emulation.setCPUThrottlingRate', { rate: this.#rate });
        node.throttled = true;
      } catch (error) {
        node.throttled = errorMessage(error);
      }
    }
    try {
      await send('Target.setAutoAttach', {
        autoAttach: true,
        waitForDebuggerOnStart: true,
        flatten: true,
      });
    } catch (error) {
      node.autoAttach = errorMessage(error);
    }
    if (waiting) {
      try {
        await send('Runtime.runIfWaitingForDebugger');
      } catch {
        // Gone already.
      }
    }
  }

  send(node: TargetNode): Send {
    return this.#cdp.session(node.sessionId);
  }

  /** Waits until every target attached so far has been set up. */
  async settled(): Promise<void> {
    while (this.#settling.size > 0) await Promise.all(this.#settling);
  }

  /** Detaches every session of this tree (throttling ends with it). */
  async dispose(): Promise<void> {
    this.#stop();
    await this.settled();
    const browser = this.#cdp.session();
    await Promise.all(
      [...this.nodes.keys()].map((sessionId) =>
        browser('Target.detachFromTarget', { sessionId }).catch(() => undefined),
      ),
    );
    this.nodes.clear();
  }
}
