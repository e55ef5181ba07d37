/**
 * The first code of every sandbox context, main or nested: the whole source
 * of a `blob:` classic worker made inside the opaque-origin sandbox frame (or
 * inside a sandbox worker, for nested ones), so sandbox code has no access to
 * the docs site's storage and cookies.
 *
 * `sandboxLoader` runs from its own `.toString()`, so it may use nothing but
 * its parameter and the worker's globals; it is still type-checked here.
 */
import { START_GLOBAL } from './start';

/**
 * Waits for `prepare` (the control port and the bootstrap) on the worker's
 * own channel, loads the bootstrap at once, and starts the context when
 * `boot` arrives on the port. A prepared spare worker therefore starts a run
 * for the cost of one message. The port stays in this closure: user code,
 * which runs later, cannot reach it.
 */
export function sandboxLoader(startGlobal: string): void {
  const early: MessageEvent[] = [];
  // A parent's first user messages may arrive before the bootstrap has loaded.
  const hold = (event: MessageEvent): void => {
    event.stopImmediatePropagation();
    early.push(event);
  };
  const first = (event: MessageEvent<unknown>): void => {
    const data = event.data as
      { kind?: unknown; bootstrapSource?: unknown; port?: unknown } | null | undefined;
    if (
      data?.kind !== 'prepare' ||
      typeof data.bootstrapSource !== 'string' ||
      !(data.port instanceof MessagePort)
    ) {
      return;
    }
    event.stopImmediatePropagation();
    removeEventListener('message', first);
    addEventListener('message', hold);
    const port = data.port;
    const ready = import(
      /* @vite-ignore */ URL.createObjectURL(
        new Blob([data.bootstrapSource], { type: 'text/javascript' }),
      )
    );
    let booted = false;
    port.onmessage = (message: MessageEvent<unknown>) => {
      const boot = message.data as
        | {
            kind?: unknown;
            config?: { contextId?: unknown; label?: unknown };
          }
        | null
        | undefined;
      if (booted || boot?.kind !== 'boot') return;
      booted = true;
      const contextId = typeof boot.config?.contextId === 'string' ? boot.config.contextId : '0';
      const label = typeof boot.config?.label === 'string' ? boot.config.label : 'main';
      ready
        .then(() => {
          const scope = globalThis as unknown as Record<string, unknown>;
          const start = scope[startGlobal] as
            ((config: unknown, port: MessagePort, early: MessageEvent[]) => void) | undefined;
          // Removed before any user code runs.
          Reflect.deleteProperty(scope, startGlobal);
          removeEventListener('message', hold);
          if (typeof start !== 'function') throw new Error('the bootstrap did not load');
          start(boot.config, port, early);
        })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          const text = `The sandbox runtime failed: ${reason}. Run again, or reload the sandbox.`;
          port.postMessage({
            kind: 'error',
            contextId,
            source: label,
            report: { kind: 'load', text, name: 'Error', message: text },
            fatal: true,
          });
        });
    };
  };
  addEventListener('message', first);
}

/** The loader as a worker's source; each context makes its own blob URL of it. */
export const LOADER_SOURCE = `(${sandboxLoader.toString()})(${JSON.stringify(START_GLOBAL)});`;

/** A worker URL for the loader, in the origin of the calling context. */
export function loaderURL(): string {
  return URL.createObjectURL(new Blob([LOADER_SOURCE], { type: 'text/javascript' }));
}
