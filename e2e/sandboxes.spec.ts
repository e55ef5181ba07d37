/**
 * Every sandbox on every page prints its expected output. The list comes from
 * the build's manifest (dist/sandboxes.json, generated from the MDX sources),
 * so a sandbox added to any page is covered without touching this file.
 * Runs after the other specs, one sandbox at a time, so timings are honest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { findMismatch, parseExpected } from '../src/components/sandbox/shared/expected';
import type { ManifestEntry } from '../src/pages/sandboxes.json';
import { expect, sitemapPaths, test } from './fixtures';
import { putSolution, runSandbox } from './support/sandbox';

/** The build the e2e servers serve (OUT_DIR moves it, as in playwright.config.ts). */
const MANIFEST = `${process.env.OUT_DIR ?? 'dist'}/sandboxes.json`;
const manifest: ManifestEntry[] = existsSync(MANIFEST)
  ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[])
  : [];

test('the build emitted a sandbox manifest', () => {
  expect(existsSync(MANIFEST), `${MANIFEST} exists (the build writes it)`).toBe(true);
  expect(manifest.length).toBeGreaterThan(0);
});

test('the pages contain exactly the sandboxes of the manifest', async ({
  page,
  request,
  siteURL,
}) => {
  const served = (await (
    await request.get(new URL('sandboxes.json', siteURL).href)
  ).json()) as ManifestEntry[];
  expect(served, 'the served manifest is the one the tests read').toEqual(manifest);
  // Every page of the sitemap, plus the test-only fixture pages it leaves out.
  const paths = new Set([
    ...(await sitemapPaths(request, siteURL)),
    ...manifest.map((entry) => entry.page),
  ]);
  for (const path of paths) {
    await page.goto(path);
    const onPage = await page
      .locator('[data-sandbox]')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.sandbox));
    const listed = manifest.filter((entry) => entry.page === path).map((entry) => entry.id);
    expect(onPage, `sandboxes rendered on /${path} match the manifest`).toEqual(listed);
  }
});

const pages = [...new Set(manifest.map((entry) => entry.page))];
for (const path of pages) {
  test(`every sandbox on /${path} prints its expected output`, async ({ page }) => {
    const entries = manifest.filter((entry) => entry.page === path);
    test.setTimeout(60_000 + entries.length * 30_000);
    await page.goto(path);
    const failures: string[] = [];
    for (const entry of entries) {
      if (entry.exercise) {
        // The starting program must leave something to do.
        const start = await runSandbox(page, entry.id);
        expect(
          findMismatch(parseExpected(entry.expected), start.transcript),
          `#${entry.id}: the exercise's starting program already prints its goal`,
        ).toBeDefined();
        await putSolution(page, entry.id);
      }
      const { state, transcript } = await runSandbox(page, entry.id, {
        stopAfter: entry.stopAfter,
      });
      const mismatch = findMismatch(parseExpected(entry.expected), transcript, {
        prefix: Boolean(entry.stopAfter),
      });
      if (entry.exercise && !mismatch) {
        await expect(
          page.locator(`#${entry.id} [data-sandbox-solved]`),
          `#${entry.id} says the exercise is solved`,
        ).toBeVisible();
      }
      if (mismatch) {
        failures.push(
          `#${entry.id} (${state}) line ${mismatch.line}: expected ${mismatch.expected}\n  got ${mismatch.actual}\n--- transcript ---\n${transcript.slice(0, 3000)}`,
        );
      }
      if (entry.stopAfter) expect(state, `#${entry.id} was stopped`).toBe('stopped');
      else expect(['done', 'error'], `#${entry.id} finished`).toContain(state);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
}
