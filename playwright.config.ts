import { execSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';
import { launchOptions, resolveChromium } from './e2e/support/chromium';

/*
 * Resolved once, in the runner, before any test starts: the packaged browser
 * may need unpacking, which is asynchronous. Workers load this file again and
 * find the answer in CHROMIUM_PATH.
 */
const chromium = await resolveChromium();
if (chromium.executablePath && !process.env.TEST_WORKER_INDEX) {
  process.env.CHROMIUM_PATH = chromium.executablePath;
  console.log(`e2e browser: ${chromium.source} (${chromium.executablePath})`);
}
const isCI = Boolean(process.env.CI);

/*
 * `npm test` builds once before Playwright starts. A bare `playwright test`
 * builds here, before test collection, because the sandbox spec reads the
 * build's manifest to know which tests exist. Workers load this file too.
 */
if (!process.env.E2E_SKIP_BUILD && !process.env.TEST_WORKER_INDEX) {
  execSync('astro build', { stdio: 'inherit' });
  process.env.E2E_SKIP_BUILD = '1';
}
/** E2E_PORT moves both servers, for a second checkout testing beside this one. */
export const SITE_PORT = Number(process.env.E2E_PORT ?? 4400);
export const BASE_PORT = SITE_PORT + 1;
export const BASE_PATH = '/concurrency/';
/**
 * The base-path build knows its origin (SITE), as a deploy does; the main build
 * has none unless the run sets one, as `npm test` does not. meta.spec.ts reads
 * which from each project's metadata.
 */
const BASE_SITE = `http://localhost:${BASE_PORT}/`;

export default defineConfig({
  testDir: './e2e',
  forbidOnly: isCI,
  retries: 0,
  workers: 2,
  reporter: isCI ? [['list'], ['./e2e/support/summary-reporter.ts']] : [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    // A service worker would precache the whole site in the background of every test;
    // the specs about it opt in with `serviceWorkers: 'allow'`.
    serviceWorkers: 'block',
    launchOptions: launchOptions(chromium),
  },
  projects: [
    {
      name: 'site',
      testIgnore: ['base-path.spec.ts', 'sandboxes.spec.ts'],
      metadata: { site: process.env.SITE },
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${SITE_PORT}/` },
    },
    {
      // After everything else, alone: timing demos need a quiet machine.
      name: 'sandboxes',
      testMatch: ['sandboxes.spec.ts'],
      dependencies: ['site', 'base-path'],
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${SITE_PORT}/` },
    },
    {
      name: 'base-path',
      testMatch: ['base-path.spec.ts', 'meta.spec.ts'],
      metadata: { site: BASE_SITE },
      use: {
        ...devices['Desktop Chrome'],
        baseURL: `http://localhost:${BASE_PORT}${BASE_PATH}`,
      },
    },
  ],
  webServer: [
    {
      command: `astro preview --ignore-lock --port ${SITE_PORT}`,
      url: `http://localhost:${SITE_PORT}/`,
      reuseExistingServer: !isCI,
      timeout: 180_000,
    },
    {
      command: `astro build && astro preview --ignore-lock --port ${BASE_PORT}`,
      url: `http://localhost:${BASE_PORT}${BASE_PATH}`,
      // Beside the main build's folder, so two checkouts (or OUT_DIR runs) never share one.
      env: { BASE_PATH, SITE: BASE_SITE, OUT_DIR: `${process.env.OUT_DIR ?? './dist'}-base` },
      reuseExistingServer: !isCI,
      timeout: 180_000,
    },
  ],
});
