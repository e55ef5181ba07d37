/**
 * Build time (Node): bundles `sw.ts` into `<dist>/sw.js` with the precache
 * manifest of a finished build. Called by the integration after `astro build`,
 * and by the e2e suite to make a variant of a build without a second one.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getManifest } from 'workbox-build';

/** What a reader needs offline, as globs relative to the build folder. */
export const PRECACHE_PATTERNS = [
  // Every top-level page: the home page, the chapters and the runtime page
  // the sandboxes load in a frame.
  'index.html',
  '*/index.html',
  // Scripts, styles, fonts and images of every page, lazy chunks included.
  '_astro/**/*',
  // Starlight's search: Pagefind's loader, its WebAssembly, index and fragments.
  'pagefind/**/*',
  // Installable: the app manifest and its icons.
  'manifest.webmanifest',
  'favicon.svg',
  'icons/*',
];

export const PRECACHE_IGNORES = [
  // Not reading material: one page per sandbox for course platforms, and test fixtures.
  'embed/**',
  'fixtures/**',
  // Pagefind's stand-alone search UIs (0.4 MB): Starlight bundles its own (_astro/ui-core).
  'pagefind/pagefind-*ui.*',
  'pagefind/pagefind-highlight.js',
];

export interface Precache {
  /** Files, relative to the build folder, each with a revision unless its name carries a hash. */
  entries: { url: string; revision: string | null }[];
  /** Bytes, uncompressed. */
  size: number;
}

/** The precache manifest of a build folder (`precache: false`: nothing, the worker only isolates). */
export async function precacheManifest(dist: string, precache = true): Promise<Precache> {
  if (!precache) return { entries: [], size: 0 };
  const { manifestEntries, size, warnings } = await getManifest({
    globDirectory: dist,
    globPatterns: PRECACHE_PATTERNS,
    globIgnores: PRECACHE_IGNORES,
    // Vite names these files by their content: the name is the revision.
    dontCacheBustURLsMatching: /^_astro\//,
    // The live editor chunk is the largest file (0.6 MB); leave room for growth, not for surprises.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  });
  // A file left out (too large, a pattern matching nothing) would be missing offline: fail the build.
  if (warnings.length > 0) throw new Error(`service worker precache: ${warnings.join('; ')}`);
  const entries = manifestEntries.map(({ url, revision }) => ({ url, revision }));
  return { entries, size };
}

/** Writes `<dist>/sw.js`; returns what it precaches. */
export async function buildServiceWorker(dist: string, precache = true): Promise<Precache> {
  const manifest = await precacheManifest(dist, precache);
  await build({
    entryPoints: [fileURLToPath(new URL('./sw.ts', import.meta.url))],
    outfile: join(dist, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      'self.__WB_MANIFEST': JSON.stringify(manifest.entries),
      // Workbox leaves out its logging and assertions in production builds.
      'process.env.NODE_ENV': '"production"',
    },
  });
  return manifest;
}
