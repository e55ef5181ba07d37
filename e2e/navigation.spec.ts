import { expect, test } from './fixtures';

test('the landing page shows the guide and its map of concepts', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Concurrency, by running it');
  const map = [
    'Overview',
    'Sync vs async',
    'event loop',
    'responsive',
    'Threads',
    'Parallelism',
    'Node.js',
    'Benchmarks',
    'TL;DR',
    'About the notebook',
  ];
  for (const concept of map) {
    await expect(page.getByRole('link', { name: new RegExp(concept) }).first()).toBeVisible();
  }
});

test('the sidebar lists the chapters in order and navigates', async ({ page }) => {
  await page.goto('overview/');
  const sidebar = page.locator('#starlight__sidebar');
  await expect(sidebar.getByRole('link')).toHaveText([
    'Overview',
    'Sync vs async',
    'Why not make everything async',
    'The event loop and the GIL',
    'Keeping the loop responsive',
    'Threads and race conditions',
    'Parallelism with workers',
    'Node.js',
    'Benchmarks',
    'TL;DR',
    'About the notebook',
  ]);
  await sidebar.getByRole('link', { name: 'The event loop and the GIL' }).click();
  await expect(page).toHaveURL(/\/event-loop\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The event loop and the GIL');
  await expect(sidebar.getByRole('link', { name: 'The event loop and the GIL' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('search opens and finds a chapter', async ({ page }) => {
  await page.goto('overview/');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Search' }).fill('parallelism');
  await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the theme selector switches to dark and the choice survives a reload', async ({ page }) => {
  await page.goto('overview/');
  const select = page.getByRole('combobox', { name: 'Select theme' }).first();
  await select.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await select.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
