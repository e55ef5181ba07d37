/// <reference lib="webworker" />
/**
 * The site's service worker, bundled by `build.ts` into `<base>sw.js` with
 * its precache manifest. It does two things:
 *
 * - Isolation where the host sends no headers (GitHub Pages): every
 *   same-origin response it serves, from the precache or the network, carries
 *   the cross-origin isolation headers (`isolation.ts`), so a page it
 *   controls is `crossOriginIsolated`.
 * - The guide offline after one visit: chapters, the runtime page, every
 *   asset and the search index are precached at install.
 *
 * A new deploy installs beside the old one and waits: the open pages keep
 * loading their own lazy chunks from the old precache until the reader
 * accepts the update notice (`register.ts`), so no page ever mixes two builds.
 */
import { clientsClaim, type RouteHandlerCallback, type RouteHandlerObject } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  PrecacheController,
  PrecacheRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { registerRoute, Route } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { withIsolation } from './isolation';
import { SKIP_WAITING } from './protocol';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

/** Every response a handler gives goes out with the isolation headers. */
function isolated(handler: RouteHandlerObject): RouteHandlerCallback {
  return async (options) => withIsolation(await handler.handle(options));
}

const precache = new PrecacheController();
// Replaced at build time by the manifest (an empty one when precaching is switched off).
precache.precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const precached = new PrecacheRoute(precache, {
  directoryIndex: 'index.html',
  // A static host ignores query strings (`?test-hooks`, Pagefind's `?ts=`), and so does the precache.
  ignoreURLParametersMatching: [/.*/],
  cleanURLs: false,
});
registerRoute(new Route(precached.match, isolated(precached.handler)));
// The rest of the site (embed pages, test fixtures, anything not precached) comes from the network.
registerRoute(({ sameOrigin }) => sameOrigin, isolated(new NetworkOnly()));

// The first install has nothing to replace: it takes over at once, open pages included.
self.addEventListener('install', () => {
  if (!self.registration.active) void self.skipWaiting();
});
clientsClaim();

// An update waits until the reader accepts it.
self.addEventListener('message', (event) => {
  if (event.data === SKIP_WAITING) void self.skipWaiting();
});
