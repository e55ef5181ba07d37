/**
 * Build-time access to demo folders (`demos/<chapter>/<name>/`). Every
 * authoring mistake fails the build with a message naming the page, so a
 * reader never meets a broken sandbox.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DemoFile } from '../shared/data';
import { DemoError, parseDemoSettings, type DemoSettings } from './schema';

export { DemoError };

export const DEMOS_ROOT = join(process.cwd(), 'demos');

export interface Demo {
  name: string;
  files: Omit<DemoFile, 'tail'>[];
  activeFile: string;
  expected: string;
  counterpart?: { code: string; expected: string };
  showTypeErrors: boolean;
  /** Set for programs that run until stopped (a ticking interval, a busy loop). */
  stopAfter?: number;
  /** "Step through" is offered (engine262, see runtime/stepper/). */
  stepper: boolean;
  /** A "Predict the order" puzzle (needs the stepper). */
  puzzle: boolean;
  /** Absolute folder path, for build-time tools (the TypeScript diagnostics). */
  dir: string;
}

const CODE_FILE = /\.(?:ts|tsx|mts|js|mjs)$/;

export function loadDemo(name: string, page: string): Demo {
  const dir = join(DEMOS_ROOT, name);
  const where = `Sandbox demo "${name}" on page ${page}`;
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(name)) {
    throw new DemoError(
      `${where}: demo names look like "chapter/name" (lowercase, digits, dashes).`,
    );
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DemoError(`${where}: folder ${relative(process.cwd(), dir)} does not exist.`);
  }
  const entries = readdirSync(dir);
  if (!entries.includes('index.ts')) throw new DemoError(`${where}: index.ts is missing.`);
  if (!entries.includes('expected.txt')) {
    throw new DemoError(`${where}: expected.txt is missing (write what the program prints).`);
  }
  const settingsFile = relative(process.cwd(), join(dir, 'sandbox.json'));
  let settings: DemoSettings = {};
  if (entries.includes('sandbox.json')) {
    try {
      settings = parseDemoSettings(readFileSync(join(dir, 'sandbox.json'), 'utf8'), settingsFile);
    } catch (error) {
      throw new DemoError(`${where}: ${(error as Error).message}`);
    }
  }
  const codeFiles = entries
    .filter((file) => CODE_FILE.test(file))
    .sort((a, b) => (a === 'index.ts' ? -1 : b === 'index.ts' ? 1 : a.localeCompare(b)));
  const named = [
    ...(settings.hidden ?? []).map((file) => ['hidden', file] as const),
    ...(settings.active ? [['active', settings.active] as const] : []),
  ];
  for (const [field, file] of named) {
    if (!codeFiles.includes(file)) {
      throw new DemoError(
        `${where}: ${settingsFile}: "${field}" names "${file}", which is not a code file of the demo (${codeFiles.join(', ')}).`,
      );
    }
  }
  const files = codeFiles.map((file) => ({
    path: `/${file}`,
    code: readFileSync(join(dir, file), 'utf8'),
    hidden: settings.hidden?.includes(file) ?? false,
  }));
  if (settings.puzzle && !settings.stepper) {
    throw new DemoError(
      `${where}: ${settingsFile}: "puzzle" needs "stepper": true (a puzzle is stepped through after it is answered).`,
    );
  }
  const hasCounterpart = entries.includes('counterpart.py');
  if (hasCounterpart && !entries.includes('counterpart.expected.txt')) {
    throw new DemoError(`${where}: counterpart.py needs counterpart.expected.txt beside it.`);
  }
  return {
    name,
    dir,
    files,
    activeFile: `/${settings.active ?? 'index.ts'}`,
    expected: readFileSync(join(dir, 'expected.txt'), 'utf8'),
    showTypeErrors: settings.showTypeErrors ?? false,
    stepper: settings.stepper ?? false,
    puzzle: settings.puzzle ?? false,
    ...(settings.stopAfter ? { stopAfter: settings.stopAfter } : {}),
    ...(hasCounterpart
      ? {
          counterpart: {
            code: readFileSync(join(dir, 'counterpart.py'), 'utf8'),
            expected: readFileSync(join(dir, 'counterpart.expected.txt'), 'utf8'),
          },
        }
      : {}),
  };
}

/** Sandbox ids already used on each page render, to reject duplicates. */
const idsPerRender = new WeakMap<object, Set<string>>();

export function claimSandboxId(render: object, id: string, page: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new DemoError(
      `Sandbox id "${id}" on page ${page}: use lowercase letters, digits and dashes (it is the link anchor).`,
    );
  }
  const ids = idsPerRender.get(render) ?? new Set<string>();
  if (ids.has(id)) {
    // Figures (Figure.astro) claim their ids here too: both are link anchors of the page.
    throw new DemoError(
      `Sandbox id "${id}" is used twice on page ${page} (sandboxes and figures share a page's ids).`,
    );
  }
  ids.add(id);
  idsPerRender.set(render, ids);
}
