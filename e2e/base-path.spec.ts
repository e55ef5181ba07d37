import { expect, test } from './fixtures';

test('under a base path every link, script, stylesheet and image stays inside it and loads', async ({
  page,
  request,
  siteURL,
}) => {
  const base = new URL(siteURL);
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Concurrency, by running it');

  const urls = await page
    .locator('a[href], link[href], script[src], img[src]')
    .evaluateAll((els) =>
      els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src),
    );
  const internal = urls.map((u) => new URL(u)).filter((u) => u.origin === base.origin);
  expect(internal.length).toBeGreaterThan(10);
  for (const url of internal) {
    expect(url.pathname, `${url.href} is under ${base.pathname}`).toMatch(
      new RegExp(`^${base.pathname}`),
    );
    const response = await request.get(url.href);
    expect(response.status(), url.href).toBeLessThan(400);
  }

  await page
    .getByRole('link', { name: /Sync vs async/ })
    .first()
    .click();
  await expect(page).toHaveURL(`${siteURL}sync-vs-async/`);
  await expect(page.locator('#starlight__sidebar')).toBeVisible();
  expect(failures).toEqual([]);
});
