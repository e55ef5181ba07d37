/**
 * Every Python counterpart shown beside a sandbox really prints what its
 * counterpart.expected.txt says (stdout only: stderr may carry warnings).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findMismatch, parseExpected } from '../src/components/sandbox/shared/expected';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const DEMOS = join(ROOT, 'demos');
const TIMEOUT_MS = 60_000;

function findCounterparts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findCounterparts(path);
      return entry.isFile() && entry.name === 'counterpart.py' ? [path] : [];
    })
    .sort();
}

const counterparts = findCounterparts(DEMOS);

async function runPython(script: string): Promise<string> {
  try {
    const { stdout } = await run('python3', [script], {
      cwd: dirname(script),
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & {
      stdout?: string;
      stderr?: string;
      killed?: boolean;
    };
    if (failure.code === 'ENOENT') {
      throw new Error('python3 is not installed or not on PATH; the Python counterparts need it.', {
        cause: error,
      });
    }
    const why = failure.killed ? `timed out after ${TIMEOUT_MS} ms` : failure.message;
    throw new Error(
      `${relative(ROOT, script)} failed: ${why}\n--- stdout ---\n${failure.stdout ?? ''}\n--- stderr ---\n${failure.stderr ?? ''}`,
      { cause: error },
    );
  }
}

describe('Python counterparts', () => {
  it('exist for at least 10 demos', () => {
    expect(counterparts.length).toBeGreaterThanOrEqual(10);
  });

  it('can run python3', async () => {
    const { stdout } = await run('python3', ['--version']).catch((error: unknown) => {
      throw new Error(`python3 is not available: ${String(error)}`, { cause: error });
    });
    expect(stdout).toMatch(/^Python 3\./);
  });

  // Sequential on purpose: the scripts sleep and time themselves.
  for (const script of counterparts) {
    const name = relative(DEMOS, dirname(script));
    it(
      `${name}/counterpart.py prints counterpart.expected.txt`,
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
