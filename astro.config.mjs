// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';

/*
 * Deployment settings come from the environment so one build config serves
 * GitHub Pages (a project site under /<repo>/), a root-domain host and the
 * e2e base-path smoke test. SITE is the absolute origin (used for the
 * sitemap and Open Graph URLs); BASE_PATH is the path prefix, e.g. "/concurrency/".
 */
const site = process.env.SITE ?? 'http://localhost:4321';
const base = process.env.BASE_PATH ?? '/';
const outDir = process.env.OUT_DIR ?? './dist';
const root = base.endsWith('/') ? base : `${base}/`;

export default defineConfig({
  site,
  base,
  outDir,
  trailingSlash: 'always',
  vite: {
    // The sandbox bootstrap is imported as an ES module inside sandbox workers.
    worker: { format: 'es' },
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
    // The runtime page, the per-sandbox embed pages and the test fixtures are
    // not reading material (they are also marked noindex).
    sitemap({
      filter: (page) => {
        const path = new URL(page).pathname;
        return !['runtime/', 'embed/', 'fixtures/'].some((dir) => path.startsWith(`${root}${dir}`));
      },
    }),
    starlight({
      title: 'Concurrency, by running it',
      description:
        'An interactive guide to async, concurrency, threads and parallelism in TypeScript, with runnable sandboxes.',
      social: [],
      lastUpdated: false,
      // Wrapped code never scrolls sideways: better on phones, and no unnamed
      // scroll regions (which axe reports as duplicate landmarks).
      expressiveCode: { defaultProps: { wrap: true } },
      sidebar: [
        { label: 'Overview', slug: 'overview' },
        { label: 'Sync vs async', slug: 'sync-vs-async' },
        { label: 'Why not make everything async', slug: 'async-pitfalls' },
        { label: 'The event loop and the GIL', slug: 'event-loop' },
        { label: 'Threads and race conditions', slug: 'threads-and-races' },
        { label: 'Parallelism with workers', slug: 'parallelism' },
        { label: 'Benchmarks', slug: 'benchmarks' },
        { label: 'TL;DR', slug: 'tldr' },
      ],
    }),
    react(),
  ],
});
