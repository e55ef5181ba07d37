/**
 * The embed snippet's iframe is tall enough for every embed page: each one's
 * document, 800 px wide, before the reader runs anything, is no taller than
 * `EMBED_HEIGHT` (the height the snippet gives). The tallest is printed and
 * attached to the report, to set `EMBED_HEIGHT` from when the sandbox's layout
 * changes. The list comes from the build's manifest (OUT_DIR moves it), less
 * the test fixtures' pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ManifestEntry } from '../src/pages/sandboxes.json';
import { EMBED_HEIGHT } from '../src/components/sandbox/client/links';
import { expect, test } from './fixtures';
import { openSandbox } from './support/sandbox';

const MANIFEST = `${process.env.OUT_DIR ?? 'dist'}/sandboxes.json`;
/** The guide's sandboxes (the test fixtures' pages are not for embedding). */
const manifest: ManifestEntry[] = existsSync(MANIFEST)
  ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]).filter(
      (entry) => !entry.page.startsWith('fixtures/'),
    )
  : [];

// A short window: the page's height, not the window's, is what is measured.
test.use({ viewport: { width: 800, height: 400 } });

test(`every embed page fits the snippet's height (${EMBED_HEIGHT} px) before a run`, async ({
  page,
}) => {
  expect(manifest.length, `${MANIFEST} lists the sandboxes`).toBeGreaterThan(0);
  test.setTimeout(60_000 + manifest.length * 10_000);
  const heights: { path: string; first: number; live: number }[] = [];
  const height = () => page.evaluate(() => document.documentElement.scrollHeight);
  for (const { page: section, id } of manifest) {
    const path = `embed/${section}${id}/`;
    // First paint: the server's markup, before the editor (loaded at once in an embed) is live.
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const first = await height();
    await openSandbox(page, id);
    // Live and settled: the same height twice, a quarter of a second apart.
    let live = await height();
    for (let previous = -1; live !== previous;) {
      previous = live;
      await page.waitForTimeout(250);
      live = await height();
    }
    heights.push({ path, first, live });
  }
  const max = Math.max(...heights.map((h) => Math.max(h.first, h.live)));
  const top = (key: 'first' | 'live') =>
    [...heights]
      .sort((a, b) => b[key] - a[key])
      .slice(0, 3)
      .map((h) => `${h[key]} px /${h.path}`)
      .join(', ');
  const summary = `tallest embed page: ${max} px (EMBED_HEIGHT is ${EMBED_HEIGHT}); at first paint: ${top('first')}; live: ${top('live')}`;
  console.log(summary);
  await test.info().attach('embed heights', {
    body: JSON.stringify({ max, heights }, null, 2),
    contentType: 'application/json',
  });
  const tooTall = heights.filter((h) => Math.max(h.first, h.live) > EMBED_HEIGHT);
  expect(
    tooTall.map((h) => `/${h.path}: ${h.first} px at first paint, ${h.live} px live`),
    summary,
  ).toEqual([]);
});
