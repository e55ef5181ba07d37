/**
 * Every failure of the sandbox machinery ends in a state the reader can see
 * and leave: an editor chunk that fails to load, an editor that crashes, a
 * runtime that stops answering. Pages opened with `?test-hooks` accept the
 * events that provoke the last two (see README, "Stable hooks").
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  FINISHED,
  liveCode,
  openSandbox,
  sandbox,
  transcript,
  waitForEditor,
  waitForState,
} from './support/sandbox';

const FIXTURES = 'fixtures/runtime/';
const ID = 'multi-file';
const MULTI_FILE_FIRST_LINE = 'hello, sandbox 2';
const MOUNT_CHUNK = /\/_astro\/mount\.[^/]+\.js$/;

/** The server-rendered code of the file on show (what the page has without its editor). */
function staticCode(root: Locator): Locator {
  return root.locator('[data-sandbox-editor] .sandbox-static:not([hidden])');
}

test('an editor chunk that fails to load brings the code back, says so, and Run retries', async ({
  page,
}) => {
  await page.route(MOUNT_CHUNK, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(FIXTURES);
  const root = sandbox(page, ID);
  await root.scrollIntoViewIfNeeded();
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  const notice = root.locator('[data-sandbox-notice]');
  await expect(notice).toHaveAttribute('data-sandbox-notice', 'editor-load');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('could not load');
  await expect(staticCode(root)).toBeVisible();
  await expect(staticCode(root)).toContainText("greet('sandbox')");
  await expect(root).not.toHaveAttribute('data-live', /.*/);
  // The press still ran the program (Run needs no editor), and nothing is left loading.
  await waitForState(root, FINISHED, 20_000);
  await expect.poll(() => transcript(root)).toContain(MULTI_FILE_FIRST_LINE);

  // The chunk is back (a redeploy finished): Run reloads the page, loads the editor and runs.
  await page.unroute(MOUNT_CHUNK);
  await root.scrollIntoViewIfNeeded();
  await Promise.all([
    page.waitForEvent('load'),
    root.getByRole('button', { name: 'Run', exact: true }).click(),
  ]);
  const reloaded = sandbox(page, ID);
  await waitForEditor(reloaded, 30_000);
  await waitForState(reloaded, ['done'], 30_000);
  expect(await transcript(reloaded)).toContain(MULTI_FILE_FIRST_LINE);
  await expect(reloaded.locator('[data-sandbox-notice]')).toBeHidden();
});

test.describe('with test hooks', () => {
  // The crash test throws inside React's render on purpose.
  test.use({ expectedPageErrors: /^Test crash$/ });

  test('an editor that crashes brings the code back with a notice, and Run starts it again', async ({
    page,
  }) => {
    await page.goto(`${FIXTURES}?test-hooks`);
    const root = await openSandbox(page, ID);
    await root.evaluate((element) => element.dispatchEvent(new Event('sandbox:test-crash')));
    const notice = root.locator('[data-sandbox-notice]');
    await expect(notice).toHaveAttribute('data-sandbox-notice', 'editor-crash');
    await expect(notice).toBeVisible();
    await expect(staticCode(root)).toBeVisible();
    await expect(liveCode(root)).toHaveCount(0);
    await root.scrollIntoViewIfNeeded();
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForState(root, ['done'], 30_000);
    expect(await transcript(root)).toContain(MULTI_FILE_FIRST_LINE);
    await expect(notice).toBeHidden();
  });

  test('a runtime that stops answering is reported within seconds, and Reload sandbox brings a working one', async ({
    page,
  }) => {
    await page.goto(`${FIXTURES}?test-hooks`);
    const root = await openSandbox(page, ID);
    await expect(root).toHaveAttribute('data-runtime', 'ready', { timeout: 20_000 });
    const hungAt = Date.now();
    await root.evaluate((element) =>
      element.dispatchEvent(new CustomEvent('sandbox:test-hang', { detail: { ms: 60_000 } })),
    );
    const notice = root.locator('[data-sandbox-notice]');
    await expect(notice).toHaveAttribute('data-sandbox-notice', 'unresponsive', {
      timeout: 15_000,
    });
    const noticedAfter = Date.now() - hungAt;
    expect(noticedAfter, 'not before the 5 s the runtime is given').toBeGreaterThan(4_500);
    await expect(notice).toContainText('not responding');
    await notice.getByRole('button', { name: 'Reload sandbox' }).click();
    await expect(notice).toBeHidden({ timeout: 20_000 });
    await expect(root).toHaveAttribute('data-runtime', 'ready', { timeout: 20_000 });
    await root.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForState(root, ['done'], 20_000);
    expect(await transcript(root)).toContain(MULTI_FILE_FIRST_LINE);
  });
});
