/**
 * The one place that decides which Chromium the e2e suite and the bench drive,
 * and with which flags. Lookup order: an explicit `CHROMIUM_PATH`, Playwright's
 * own download, a system Chromium or Chrome, then the browser packaged in the
 * `@sparticuz/chromium` npm package (x64 Linux only), so `npm install && npm test`
 * passes on a bare Linux machine without root.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type LaunchOptions } from '@playwright/test';

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const PACKAGE = '@sparticuz/chromium';
const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
/** Unpacked per package version, so an upgrade never reuses an older binary. */
const PACKAGED_ROOT = join(NODE_MODULES, '.cache', 'packaged-chromium');
const READY = 'unpacked';

export type ChromiumSource = 'CHROMIUM_PATH' | 'playwright' | 'system' | 'packaged';

export interface ChromiumChoice {
  /** undefined means "let Playwright use its own managed browser". */
  executablePath: string | undefined;
  source: ChromiumSource;
}

const NOT_FOUND =
  'No Chromium found. `npm install` brings one on Linux (the @sparticuz/chromium package); ' +
  'elsewhere set CHROMIUM_PATH to a Chrome or Chromium, or run `npx playwright install chromium`.';

/** The browsers that need no unpacking: explicit, Playwright's, the system's. */
export function findInstalledChromium(
  env: NodeJS.ProcessEnv = process.env,
): ChromiumChoice | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(`CHROMIUM_PATH is set to ${explicit}, but no file exists there.`);
    }
    return {
      executablePath: explicit,
      source: isPackaged(explicit) ? 'packaged' : 'CHROMIUM_PATH',
    };
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
  return undefined;
}

/** The full lookup, ending with the packaged browser (unpacked on first use, ~2–5 s). */
export async function resolveChromium(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChromiumChoice> {
  const installed = findInstalledChromium(env);
  if (installed) return installed;
  const packaged = await packagedChromium();
  if (packaged) return { executablePath: packaged, source: 'packaged' };
  throw new Error(NOT_FOUND);
}

function packagedVersion(): string | undefined {
  // Optional in spirit: absent on a machine where it was not installed.
  const manifest = join(NODE_MODULES, PACKAGE, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function isPackaged(executablePath: string): boolean {
  return executablePath.startsWith(PACKAGED_ROOT);
}

/**
 * Unpacks the packaged browser into node_modules/.cache/packaged-chromium/<version>/.
 * The package unpacks into `os.tmpdir()` and reuses whatever binary it finds
 * there, of any version; pointing TMPDIR at a versioned folder for the call,
 * and marking the folder once complete, makes reuse safe.
 */
export async function packagedChromium(): Promise<string | undefined> {
  // The npm package carries x64 Linux binaries only.
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const version = packagedVersion();
  if (!version) return undefined;
  const dir = join(PACKAGED_ROOT, version);
  const executable = join(dir, 'chromium');
  if (existsSync(join(dir, READY)) && existsSync(executable)) return executable;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    const unpacked = await Chromium.executablePath();
    if (unpacked !== executable) throw new Error(`${PACKAGE} unpacked to ${unpacked}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  // The package's own fonts.conf names /tmp/fonts; this one names the folder used here.
  writeFileSync(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  writeFileSync(join(dir, READY), `${version}\n`);
  return executable;
}

/**
 * A closed network refuses Chromium's background connections (updates, sync,
 * safe-browsing lists); these flags keep the browser from making them at all.
 * Never the packaged browser's own `chromium.args`: they disable web security,
 * site isolation and turn SharedArrayBuffer on, which would make every
 * isolation test meaningless.
 */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

/** Flags for every launch: the project's own, plus what running as root requires. */
export function chromiumArgs(extra: readonly string[] = []): string[] {
  return [...CHROMIUM_ARGS, ...extra, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
}

/**
 * The environment the browser starts with. The packaged browser gets its own
 * fonts (it brings Open Sans only), so it renders the same on every machine
 * instead of picking up whatever the system has installed.
 */
export function chromiumEnv(executablePath: string | undefined): NodeJS.ProcessEnv | undefined {
  if (!executablePath || !isPackaged(executablePath)) return undefined;
  return { ...process.env, FONTCONFIG_PATH: dirname(executablePath) };
}

/** Playwright launch options for a chosen browser. */
export function launchOptions(
  choice: ChromiumChoice,
  extraArgs: readonly string[] = [],
): LaunchOptions {
  const env = chromiumEnv(choice.executablePath);
  return {
    args: chromiumArgs(extraArgs),
    ...(choice.executablePath ? { executablePath: choice.executablePath } : {}),
    ...(env ? { env } : {}),
  };
}
