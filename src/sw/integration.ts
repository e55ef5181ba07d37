/**
 * The service worker as an Astro integration. List it after Starlight: it
 * precaches Pagefind's index, which Starlight writes in its own
 * `astro:build:done`.
 *
 * - `astro build` writes `<base>sw.js` with the precache manifest of the
 *   finished build (`SW_PRECACHE=off`: a worker that precaches nothing and
 *   only adds the isolation headers).
 * - `astro dev` serves a `sw.js` that unregisters itself: a worker left by
 *   `astro preview` on the same port would otherwise keep serving the old
 *   build's pages in place of the dev server's.
 * - `BUILD_ID` (optional) enters every script chunk's hash, so two builds of the
 *   same source share no chunk names, as two deploys of different sources would
 *   not; the e2e suite deploys such a second build to test updates.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { normalizeBase } from '../components/sandbox/shared/paths';
import { buildServiceWorker } from './build';

/** Takes over, removes its registration and reloads the pages it had, which then reach the dev server. */
const UNREGISTER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    self.registration
      .unregister()
      .then(() => self.clients.matchAll({ type: 'window' }))
      .then((clients) => Promise.all(clients.map((client) => client.navigate(client.url)))),
  );
});
`;

export default function serviceWorker(): AstroIntegration {
  let base = '/';
  return {
    name: 'concurrency:service-worker',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        base = normalizeBase(config.base);
        const buildId = process.env.BUILD_ID;
        if (buildId) {
          updateConfig({
            vite: { plugins: [{ name: 'concurrency:build-id', augmentChunkHash: () => buildId }] },
          });
        }
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          if (request.url?.split('?')[0] !== `${base}sw.js`) {
            next();
            return;
          }
          response.setHeader('Content-Type', 'text/javascript');
          response.setHeader('Cache-Control', 'no-store');
          response.end(UNREGISTER);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const precache = process.env.SW_PRECACHE !== 'off';
        const { entries, size } = await buildServiceWorker(fileURLToPath(dir), precache);
        logger.info(
          precache
            ? `sw.js precaches ${entries.length} files, ${(size / 1e6).toFixed(2)} MB`
            : 'sw.js precaches nothing (SW_PRECACHE=off)',
        );
      },
    },
  };
}
