import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServiceWorker, precacheManifest } from './build';

let dist = '';

const READER_FILES = [
  'index.html',
  'sync-vs-async/index.html',
  'runtime/index.html',
  '_astro/mount.Ab12Cd34.js',
  '_astro/common.Ef56Gh78.css',
  '_astro/font.Ij90Kl12.woff2',
  'pagefind/pagefind.js',
  'pagefind/pagefind-worker.js',
  'pagefind/pagefind-entry.json',
  'pagefind/wasm.en.pagefind',
  'pagefind/fragment/en_1a2b3c.pf_fragment',
  'manifest.webmanifest',
  'favicon.svg',
  'icons/icon-192.png',
];
const OTHER_FILES = [
  'embed/sync-vs-async/gather/index.html',
  'fixtures/runtime/index.html',
  'pagefind/pagefind-ui.js',
  'pagefind/pagefind-component-ui.css',
  'pagefind/pagefind-highlight.js',
  '404.html',
  'sitemap-index.xml',
  'sandboxes.json',
];

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'sw-build-'));
  for (const file of [...READER_FILES, ...OTHER_FILES]) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), `contents of ${file}`);
  }
});

describe('the precache manifest', () => {
  it('holds what a reader needs offline and nothing else', async () => {
    const { entries, size } = await precacheManifest(dist);
    expect(entries.map((e) => e.url).sort()).toEqual([...READER_FILES].sort());
    expect(size).toBeGreaterThan(0);
  });

  it('revisions files by content unless Vite named them by it', async () => {
    const { entries } = await precacheManifest(dist);
    for (const { url, revision } of entries) {
      if (url.startsWith('_astro/')) expect(revision, url).toBeNull();
      else expect(revision, url).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('is empty with precaching switched off', async () => {
    expect(await precacheManifest(dist, false)).toEqual({ entries: [], size: 0 });
  });
});

describe('sw.js', () => {
  it('is one script with the manifest in place of its placeholder', async () => {
    await buildServiceWorker(dist);
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(sw).not.toContain('__WB_MANIFEST');
    expect(sw).not.toMatch(/^\s*import\b/m);
    expect(sw).toContain('"sync-vs-async/index.html"');
    expect(sw).not.toContain('embed/');
  });
});
