import type { Page } from '@playwright/test';

/**
 * Starlight's theme for every page the test opens. Init scripts run in every
 * frame, and the sandbox frame has an opaque origin whose `localStorage`
 * throws: only documents of the site's own origin take the setting.
 */
export async function useTheme(page: Page, theme: string): Promise<void> {
  await page.addInitScript((t) => {
    if (origin !== 'null') localStorage.setItem('starlight-theme', t);
  }, theme);
}
