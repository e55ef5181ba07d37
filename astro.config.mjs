// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import serviceWorker from './src/sw/integration.ts';
import { ISOLATION_HEADERS } from './src/sw/isolation.ts';
import { safeClientOutput, siteFromEnv, siteWarning, socialImageHead } from './src/build/site.ts';
import markdown from './src/markdown/integration.ts';

/*
 * Deployment settings come from the environment so one build config serves
 * GitHub Pages (a project site under /<repo>/), a root-domain host and the
 * e2e base-path smoke test. SITE is the absolute origin (canonical links,
 * Open Graph URLs and the sitemap, all left out when it is unset, with a
 * warning); BASE_PATH is the path prefix, e.g. "/concurrency/".
 */
const site = siteFromEnv(process.env.SITE);
const base = process.env.BASE_PATH ?? '/';
const outDir = process.env.OUT_DIR ?? './dist';
const root = base.endsWith('/') ? base : `${base}/`;

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  outDir,
  trailingSlash: 'always',
  // `astro dev` and `astro preview` (and so the e2e suite) serve every response
  // cross-origin isolated, as the `_headers` hosts and the service worker do.
  server: { headers: ISOLATION_HEADERS },
  vite: {
    // The sandbox bootstrap is imported as an ES module inside sandbox workers.
    worker: { format: 'es' },
    // Script and asset names without `..` or a leading `_` (src/build/site.ts).
    environments: { client: { build: { rolldownOptions: { output: safeClientOutput() } } } },
    resolve: {
      alias: Object.fromEntries(
        ['@codemirror/lang-html', '@codemirror/lang-css'].map((name) => [
          name,
          fileURLToPath(new URL('./src/components/sandbox/client/no-language.ts', import.meta.url)),
        ]),
      ),
    },
  },
  integrations: [
    siteWarning(site),
    // Only with a SITE: a sitemap lists absolute URLs. The runtime page, the
    // per-sandbox embed pages and the test fixtures are not reading material
    // (they are also marked noindex).
    ...(site
      ? [
          sitemap({
            filter: (page) => {
              const path = new URL(page).pathname;
              return !['runtime/', 'embed/', 'fixtures/'].some((dir) =>
                path.startsWith(`${root}${dir}`),
              );
            },
          }),
        ]
      : []),
    starlight({
      title: 'Concurrency, by running it',
      description:
        'An interactive guide to async, concurrency, threads and parallelism in TypeScript, with runnable sandboxes.',
      social: [],
      customCss: ['./src/styles/code-font.css', './src/styles/prose.css'],
      lastUpdated: false,
      // Code blocks scroll sideways rather than wrap (a wrapped identifier breaks
      // mid-word on a phone); each one is a focusable region with a name of its
      // own, from ec.config.mjs and src/markdown/code-regions.ts.
      // Installable (the manifest's URLs are relative to it, so they follow the base path);
      // the browser's bar takes Starlight's page colour.
      head: [
        { tag: 'link', attrs: { rel: 'manifest', href: `${root}manifest.webmanifest` } },
        {
          tag: 'meta',
          attrs: {
            name: 'theme-color',
            content: '#ffffff',
            media: '(prefers-color-scheme: light)',
          },
        },
        {
          tag: 'meta',
          attrs: { name: 'theme-color', content: '#17181c', media: '(prefers-color-scheme: dark)' },
        },
        // The social preview image, with an absolute URL (so only with a SITE).
        ...socialImageHead(site, base),
      ],
      // Starlight's head plus the service worker's registration (src/sw/register.ts).
      components: { Head: './src/sw/Head.astro' },
      sidebar: [
        { label: 'Overview', slug: 'overview' },
        { label: 'Sync vs async', slug: 'sync-vs-async' },
        { label: 'Why not make everything async', slug: 'async-pitfalls' },
        { label: 'The event loop and the GIL', slug: 'event-loop' },
        { label: 'Keeping the loop responsive', slug: 'responsive' },
        { label: 'Threads and race conditions', slug: 'threads-and-races' },
        { label: 'Parallelism with workers', slug: 'parallelism' },
        { label: 'Node.js', slug: 'node' },
        { label: 'Benchmarks', slug: 'benchmarks' },
        { label: 'TL;DR', slug: 'tldr' },
        { label: 'About the notebook', slug: 'notebook' },
      ],
    }),
    // Tables that become cards on narrow columns, names for code regions.
    markdown(),
    react(),
    // After Starlight: the worker precaches the search index Starlight's Pagefind step writes.
    serviceWorker(),
  ],
});
