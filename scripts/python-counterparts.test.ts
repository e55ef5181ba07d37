/**
 * Every Python counterpart shown beside a sandbox really prints what its
 * counterpart.expected.txt says (stdout only: stderr may carry warnings),
 * run by the interpreter its sandbox.json names (`"python": "3.13"`), or
 * `python3`. A missing interpreter fails the test, named: nothing is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonCommand } from '../src/components/sandbox/build/demos';
import { findMismatch, parseExpected } from '../src/components/sandbox/shared/expected';
import { DEMOS, findDemoFiles, run, runScript, settingsOf, TIMEOUT_MS } from './counterparts';

const counterparts = findDemoFiles('counterpart.py');

/** pyenv's installs of `version` (3.12 → ~/.pyenv/versions/3.12.1/bin/python3.12), newest first. */
function pyenvInterpreters(version: string): string[] {
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  if (!existsSync(versions)) return [];
  return readdirSync(versions)
    .filter((name) => name.startsWith(`${version}.`) && /^\d+\.\d+\.\d+$/.test(name))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((name) => join(versions, name, 'bin', `python${version}`))
    .filter((path) => existsSync(path));
}

const resolved = new Map<string, Promise<string>>();

/**
 * The executable for `python3` or `python3.X`: the command on PATH if it runs
 * and reports that version (a pyenv shim of a version not selected fails), else
 * a pyenv install of it.
 */
function interpreter(version: string | undefined): Promise<string> {
  const command = pythonCommand(version);
  const known = resolved.get(command);
  if (known) return known;
  const found = (async () => {
    for (const candidate of [command, ...(version ? pyenvInterpreters(version) : [])]) {
      const ok = await run(candidate, ['--version'], { encoding: 'utf8' }).then(
        ({ stdout }) => stdout.startsWith(`Python ${version ?? '3'}.`),
        () => false,
      );
      if (ok) return candidate;
    }
    throw new Error(
      version
        ? `Python ${version} is needed (sandbox.json "python": "${version}") but neither \`${command}\` on PATH nor a pyenv install of ${version}.x (${join(process.env.PYENV_ROOT ?? '~/.pyenv', 'versions')}) runs. Install it, e.g. \`pyenv install ${version}\`.`
        : 'python3 is not installed or not on PATH; the Python counterparts need it.',
    );
  })();
  resolved.set(command, found);
  return found;
}

async function runPython(script: string): Promise<string> {
  return runScript(await interpreter(settingsOf(script).python), script);
}

describe('Python counterparts', () => {
  it('exist for at least 10 demos', () => {
    expect(counterparts.length).toBeGreaterThanOrEqual(10);
  });

  it('can run python3', async () => {
    await expect(interpreter(undefined)).resolves.toBeTruthy();
  });

  it('name a missing interpreter instead of skipping its counterpart', async () => {
    await expect(interpreter('3.99')).rejects.toThrow(/Python 3\.99 is needed .*python3\.99/);
  });

  // Sequential on purpose: the scripts sleep and time themselves.
  for (const script of counterparts) {
    const name = relative(DEMOS, dirname(script));
    it(
      `${name}/counterpart.py prints counterpart.expected.txt (${pythonCommand(settingsOf(script).python)})`,
      async () => {
        const expected = readFileSync(join(dirname(script), 'counterpart.expected.txt'), 'utf8');
        const stdout = await runPython(script);
        const mismatch = findMismatch(parseExpected(expected), stdout);
        expect(
          mismatch,
          `${name}: line ${mismatch?.line ?? 0} differs\n--- stdout ---\n${stdout}`,
        ).toBeUndefined();
      },
      TIMEOUT_MS + 5_000,
    );
  }
});
