/**
 * Taking a sandbox elsewhere without contacting anyone: the CodeSandbox and
 * StackBlitz requests are intercepted and decoded, and the downloaded zip is
 * unpacked and built with the repository's own Vite.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import LZString from 'lz-string';
import { expect, test } from './fixtures';
import { appendLine, openSandbox, shareMenuItem } from './support/sandbox';

const PAGE = 'fixtures/runtime/';
const SCAFFOLD = ['README.md', 'index.html', 'package.json', 'tsconfig.json', 'vite.config.ts'];
const ADDED = "console.log('forked');";

/** The demo's code files as on disk, keyed by project path ("src/index.ts"). */
function demoFiles(demo: string): Record<string, string> {
  const dir = join('demos', demo);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => /\.(?:ts|tsx|mts|js|mjs)$/.test(file))
      .map((file) => [`src/${file}`, readFileSync(join(dir, file), 'utf8')]),
  );
}

/** Answers every request to a host with an empty page and hands over the first POST. */
async function capturePost(context: BrowserContext, host: string): Promise<() => Promise<Request>> {
  let resolve: (request: Request) => void = () => undefined;
  const captured = new Promise<Request>((r) => {
    resolve = r;
  });
  await context.route(`https://${host}/**`, async (route) => {
    if (route.request().method() === 'POST') resolve(route.request());
    await route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<title>intercepted</title>',
    });
  });
  return () => captured;
}

test('Open in CodeSandbox posts exactly the sandbox files (with the edit) plus a Vite scaffold', async ({
  page,
  context,
}) => {
  const posted = await capturePost(context, 'codesandbox.io');
  await page.goto(PAGE);
  const root = await openSandbox(page, 'multi-file');
  await appendLine(root, ADDED);
  const popup = context.waitForEvent('page');
  await shareMenuItem(root, 'Open in CodeSandbox');
  const request = await posted();
  await (await popup).close();
  expect(request.url()).toBe('https://codesandbox.io/api/v1/sandboxes/define');
  const form = new URLSearchParams(request.postData() ?? '');
  const parameters = form.get('parameters') ?? '';
  expect(parameters).toMatch(/^[A-Za-z0-9_-]+$/);
  const base64 = parameters.replace(/-/g, '+').replace(/_/g, '/');
  const decoded = JSON.parse(
    LZString.decompressFromBase64(base64 + '='.repeat((4 - (base64.length % 4)) % 4)),
  ) as { template: string; files: Record<string, { content: string; isBinary: boolean }> };
  expect(decoded.template).toBe('node');
  const expected = demoFiles('fixtures/multi-file');
  // The reader's line is the file's new last line; the file still ends with its newline.
  expected['src/index.ts'] = `${expected['src/index.ts'] ?? ''}${ADDED}\n`;
  const sent = Object.fromEntries(
    Object.entries(decoded.files)
      .filter(([path]) => path.startsWith('src/'))
      .map(([path, file]) => [path, file.content]),
  );
  expect(sent).toEqual(expected);
  expect(Object.values(decoded.files).every((file) => !file.isBinary)).toBe(true);
  expect(
    Object.keys(decoded.files)
      .filter((path) => !path.startsWith('src/'))
      .sort(),
  ).toEqual(SCAFFOLD);
  expect(form.get('query')).toBe('file=%2Fsrc%2Findex.ts');
});

test('Open in StackBlitz posts the project form with every file', async ({ page, context }) => {
  const posted = await capturePost(context, 'stackblitz.com');
  await page.goto(PAGE);
  const root = await openSandbox(page, 'worker-pool');
  const popup = context.waitForEvent('page');
  await shareMenuItem(root, 'Open in StackBlitz');
  const request = await posted();
  await (await popup).close();
  expect(new URL(request.url()).pathname).toBe('/run');
  const form = new URLSearchParams(request.postData() ?? '');
  expect(form.get('project[template]')).toBe('node');
  expect(form.get('project[title]')).toBe('Worker pool');
  const files: Record<string, string> = {};
  for (const [name, value] of form) {
    const match = /^project\[files\]\[(.+)\]$/.exec(name);
    if (match?.[1]) files[match[1]] = value;
  }
  // An HTML form submission sends line breaks as CRLF; StackBlitz receives the files that way.
  const sources = Object.fromEntries(
    Object.entries(files)
      .filter(([p]) => p.startsWith('src/'))
      .map(([p, code]) => [p, code.replace(/\r\n/g, '\n')]),
  );
  expect(sources).toEqual(demoFiles('fixtures/worker-pool'));
  expect(
    Object.keys(files)
      .filter((p) => !p.startsWith('src/'))
      .sort(),
  ).toEqual(SCAFFOLD);
  const pkg = JSON.parse(files['package.json'] ?? '{}') as { scripts: Record<string, string> };
  expect(pkg.scripts).toMatchObject({ dev: 'vite', build: 'vite build' });
});

/** Downloads a sandbox's zip and unpacks it into a temporary folder; returns the project folder. */
async function downloadProject(
  page: Page,
  id: string,
): Promise<{ dir: string; project: string; entries: string[] }> {
  const root = await openSandbox(page, id);
  const download = page.waitForEvent('download');
  await shareMenuItem(root, 'Download project (.zip)');
  const file = await download;
  expect(file.suggestedFilename()).toBe(`sandbox-${id}.zip`);
  const entries = unzipSync(new Uint8Array(readFileSync(await file.path())));
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-zip-'));
  for (const [name, bytes] of Object.entries(entries)) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, strFromU8(bytes));
  }
  const project = join(dir, `sandbox-${id}`);
  // No network: the project uses this repository's vite and typescript.
  symlinkSync(join(process.cwd(), 'node_modules'), join(project, 'node_modules'), 'dir');
  return {
    dir,
    project,
    entries: Object.keys(entries).map((name) => name.replace(`sandbox-${id}/`, '')),
  };
}

const VITE = join(process.cwd(), 'node_modules/vite/bin/vite.js');

test('Download gives a zip of a Vite project that builds, worker chunk included', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(PAGE);
  const { dir, project, entries } = await downloadProject(page, 'worker-pool');
  try {
    expect(entries.sort()).toEqual(
      [...SCAFFOLD, ...Object.keys(demoFiles('fixtures/worker-pool'))].sort(),
    );
    for (const [path, code] of Object.entries(demoFiles('fixtures/worker-pool'))) {
      expect(readFileSync(join(project, path), 'utf8'), path).toBe(code);
    }
    const html = readFileSync(join(project, 'index.html'), 'utf8');
    expect(html).toContain('<script type="module" src="/src/index.ts"></script>');
    execFileSync(
      process.execPath,
      [join(process.cwd(), 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project],
      {
        stdio: 'pipe',
      },
    );
    execFileSync(process.execPath, [VITE, 'build'], { cwd: project, stdio: 'pipe' });
    expect(existsSync(join(project, 'dist/index.html'))).toBe(true);
    const assets = readdirSync(join(project, 'dist/assets'));
    expect(
      assets.some((name) => /^worker-.*\.js$/.test(name)),
      assets.join(', '),
    ).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a downloaded shared-memory sandbox runs in its own Vite server, which isolates the page', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto(PAGE);
  const { dir, project } = await downloadProject(page, 'shared-memory');
  const port = Number(new URL(page.url()).port) + 50;
  const server = spawn(
    process.execPath,
    [VITE, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: project, stdio: 'pipe' },
  );
  try {
    const forked = await context.newPage();
    await expect
      .poll(
        async () => {
          try {
            return (await forked.goto(`http://127.0.0.1:${port}/`))?.ok() ?? false;
          } catch {
            return false;
          }
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await forked.evaluate(() => crossOriginIsolated)).toBe(true);
    const output = forked.getByLabel('Console output');
    await expect(output).toContainText('main sees 1000', { timeout: 20_000 });
    // On a real page's main thread Atomics.wait throws, as it does in the sandbox.
    await expect(output).toContainText('main: Atomics.wait threw TypeError');
    await expect(output).toContainText('inner worker: crossOriginIsolated true, added 1000');
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
