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
  /** counterpart.py: the Python program and what it prints; `python` is its interpreter. */
  counterpart?: { code: string; expected: string; python: string };
  /** counterpart.node.ts: the same program for Node, run by the project's Node. */
  nodeCounterpart?: { code: string; expected: string };
  /** An exercise: `expected.txt` is the goal, `solution/` a program that reaches it. */
  exercise?: { hints: string[]; solution: Omit<DemoFile, 'tail' | 'hidden'>[] };
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
/** Files beside a demo's code that are not part of the program the sandbox runs. */
const NODE_COUNTERPART = 'counterpart.node.ts';
const SOLUTION_DIR = 'solution';

/** The interpreter a Python counterpart runs with: `python3`, or `python3.X` when sandbox.json names 3.X. */
export function pythonCommand(version: string | undefined): string {
  return version ? `python${version}` : 'python3';
}

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
    .filter((file) => CODE_FILE.test(file) && file !== NODE_COUNTERPART)
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
  if (settings.python && !hasCounterpart) {
    throw new DemoError(
      `${where}: ${settingsFile}: "python" names the interpreter of counterpart.py, which the demo does not have.`,
    );
  }
  const hasNode = entries.includes(NODE_COUNTERPART);
  if (hasNode && !entries.includes('counterpart.node.expected.txt')) {
    throw new DemoError(
      `${where}: ${NODE_COUNTERPART} needs counterpart.node.expected.txt beside it.`,
    );
  }
  checkAnyNumber(dir, entries, settings, settingsFile, where);
  const exercise = settings.exercise && {
    hints: settings.exercise.hints,
    solution: loadSolution(dir, where, codeFiles),
  };
  if (!settings.exercise && entries.includes(SOLUTION_DIR)) {
    throw new DemoError(
      `${where}: it has a ${SOLUTION_DIR}/ folder but ${settingsFile} has no "exercise" field (add { "exercise": { "hints": [...] } }).`,
    );
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
            python: pythonCommand(settings.python),
          },
        }
      : {}),
    ...(hasNode
      ? {
          nodeCounterpart: {
            code: readFileSync(join(dir, NODE_COUNTERPART), 'utf8'),
            expected: readFileSync(join(dir, 'counterpart.node.expected.txt'), 'utf8'),
          },
        }
      : {}),
    ...(exercise ? { exercise } : {}),
  };
}

const EXPECTED_FILES = [
  'expected.txt',
  'counterpart.expected.txt',
  'counterpart.node.expected.txt',
] as const;

/**
 * `{#}` accepts any number, so it checks nothing: each use needs a reason
 * (sandbox.json `anyNumber`), and a reason without a use is stale.
 */
function checkAnyNumber(
  dir: string,
  entries: readonly string[],
  settings: DemoSettings,
  settingsFile: string,
  where: string,
): void {
  const using = EXPECTED_FILES.filter(
    (file) => entries.includes(file) && readFileSync(join(dir, file), 'utf8').includes('{#}'),
  );
  if (using.length > 0 && !settings.anyNumber) {
    throw new DemoError(
      `${where}: ${using.join(' and ')} ${using.length > 1 ? 'use' : 'uses'} {#} (any number): say why in ${settingsFile} ("anyNumber": "…"), or check the number with {~value ±tolerance} or a printed verdict.`,
    );
  }
  if (using.length === 0 && settings.anyNumber) {
    throw new DemoError(
      `${where}: ${settingsFile}: "anyNumber" gives a reason, but no expected output uses {#}; remove it.`,
    );
  }
}

/**
 * An exercise's solution: `solution/` holds the whole program, the same files
 * as the starting one, so the verification runs exactly what the reader is
 * shown and "Put the solution in the editor" replaces every file.
 */
function loadSolution(
  dir: string,
  where: string,
  codeFiles: readonly string[],
): Omit<DemoFile, 'tail' | 'hidden'>[] {
  const folder = join(dir, SOLUTION_DIR);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new DemoError(
      `${where}: an exercise needs a ${SOLUTION_DIR}/ folder with the solution's files (at least ${SOLUTION_DIR}/index.ts).`,
    );
  }
  const files = readdirSync(folder).filter((file) => CODE_FILE.test(file));
  const stray = files.filter((file) => !codeFiles.includes(file));
  const missing = codeFiles.filter((file) => !files.includes(file));
  // A whole program, so it type-checks where it lies and runs as "Show the solution" shows it.
  if (stray.length > 0 || missing.length > 0) {
    throw new DemoError(
      `${where}: ${SOLUTION_DIR}/ must hold the same code files as the starting program (${codeFiles.join(', ')})${missing.length ? `; missing: ${missing.join(', ')}` : ''}${stray.length ? `; not in the starting program: ${stray.join(', ')}` : ''}.`,
    );
  }
  return files.sort().map((file) => ({
    path: `/${file}`,
    code: readFileSync(join(folder, file), 'utf8'),
  }));
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
