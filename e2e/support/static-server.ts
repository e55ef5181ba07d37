/**
 * A static host the service-worker specs control: a build folder served under
 * a base path, with the isolation headers (a `_headers` host) or without them
 * (GitHub Pages). It can really stop and start again on the same port (a
 * service worker's own fetches do not see Playwright's `setOffline`, so going
 * offline means a server that is gone), and its folder can be switched under
 * a running page (a second deploy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import sirv, { type RequestHandler } from 'sirv';
import { ISOLATION_HEADERS } from '../../src/sw/isolation';

export interface StaticServerOptions {
  /** The build folder. */
  root: string;
  /** The site's base path, e.g. "/concurrency/". */
  base?: string;
  /** Whether every response carries the cross-origin isolation headers. */
  headers?: boolean;
}

export class StaticServer {
  readonly base: string;
  readonly headers: boolean;
  #root = '';
  #files: RequestHandler | undefined;
  #server: Server | undefined;
  #port = 0;

  private constructor({ root, base = '/', headers = false }: StaticServerOptions) {
    this.base = base;
    this.headers = headers;
    this.root = root;
  }

  /** Serves `root` on a free port. */
  static async start(options: StaticServerOptions): Promise<StaticServer> {
    const server = new StaticServer(options);
    await server.restart();
    return server;
  }

  /** The site's URL, e.g. http://localhost:41234/concurrency/. */
  get url(): string {
    return `http://localhost:${this.#port}${this.base}`;
  }

  get root(): string {
    return this.#root;
  }

  /** Serves another folder from the next request on, as a deploy replaces a site. */
  set root(root: string) {
    if (!existsSync(join(root, 'index.html'))) throw new Error(`${root} holds no build`);
    this.#root = root;
    this.#files = sirv(root, {
      dev: true,
      setHeaders: (response) => {
        this.#isolate(response);
      },
    });
  }

  #isolate(response: { setHeader(name: string, value: string): unknown }): void {
    if (!this.headers) return;
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
  }

  /** Starts serving again, on the port it had (a free one the first time). */
  async restart(): Promise<void> {
    if (this.#server) return;
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (!url.startsWith(this.base)) {
        response.writeHead(404).end();
        return;
      }
      request.url = `/${url.slice(this.base.length)}`;
      this.#files?.(request, response, () => {
        // As a host does: its 404 page, with the status.
        const page = join(this.#root, '404.html');
        this.#isolate(response);
        response.writeHead(404, { 'Content-Type': 'text/html' });
        response.end(existsSync(page) ? readFileSync(page) : 'Not found');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, 'localhost', () => {
        resolve();
      });
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and drops every open connection: the browser's next request fails. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    server.closeAllConnections();
    await closed;
  }
}

/**
 * Waits until the page's service worker has installed (so its precache is
 * complete: installing waits for it), activated and controls the page, which
 * may mean waiting through the page's one reload for isolation.
 */
export async function serviceWorkerInControl(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .evaluate(async () => {
            const registration = await navigator.serviceWorker.ready;
            const { controller } = navigator.serviceWorker;
            return registration.active?.state === 'activated' && controller !== null;
          })
          // The page may be between documents (its reload for isolation): ask again.
          .catch(() => false),
      { message: 'the service worker is activated and controls the page', timeout },
    )
    .toBe(true);
}

/** Every URL in the page origin's caches. */
export function cachedURLs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

/**
 * Counts the documents the page requests: its first load and every reload,
 * not fragment changes. (A reload can come before the first document's
 * DOMContentLoaded, so load events would miss one.)
 */
export function countDocuments(page: Page): () => number {
  let documents = 0;
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents += 1;
  });
  return () => documents;
}

/** Whether the page is cross-origin isolated; false while it is between documents. */
export function isIsolated(page: Page): Promise<boolean> {
  return page.evaluate(() => crossOriginIsolated).catch(() => false);
}

/**
 * Opens a page and returns once its worker controls it and it is isolated
 * (after its one reload, on a host without headers): how many documents that
 * took, and how long.
 */
export async function openIsolated(
  page: Page,
  url: string,
): Promise<{ documents: number; ms: number }> {
  const started = Date.now();
  const documents = countDocuments(page);
  await page.goto(url);
  await serviceWorkerInControl(page);
  await expect.poll(() => isIsolated(page), { message: 'the page is isolated' }).toBe(true);
  return { documents: documents(), ms: Date.now() - started };
}
