import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Where to look, in order: an explicit choice, Playwright's own download, then the system. */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export interface ChromiumChoice {
  /** undefined means "let Playwright use its own managed browser". */
  executablePath: string | undefined;
  source: string;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(`CHROMIUM_PATH is set to ${explicit}, but no file exists there.`);
    }
    return { executablePath: explicit, source: 'CHROMIUM_PATH' };
  }
  let managed: string | undefined;
  try {
    managed = chromium.executablePath();
  } catch {
    managed = undefined;
  }
  if (managed && existsSync(managed)) return { executablePath: undefined, source: 'playwright' };
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system' };
  throw new Error(
    'No Chromium found: set CHROMIUM_PATH, or run `npx playwright install chromium` (Debian: `apt-get install chromium`).',
  );
}

/**
 * A closed network refuses Chromium's background connections (updates, sync,
 * safe-browsing lists); these flags keep the browser from making them at all.
 */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];
