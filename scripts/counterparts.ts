/**
 * What the counterpart tests share (python-counterparts.test.ts,
 * node-counterparts.test.ts): finding the counterpart files of the demos, and
 * running one with its output kept for the failure message.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parseDemoSettings, type DemoSettings } from '../src/components/sandbox/build/schema';

export const run = promisify(execFile);
export const ROOT = join(import.meta.dirname, '..');
export const DEMOS = join(ROOT, 'demos');
export const TIMEOUT_MS = 60_000;

/** Every file called `name` under `dir`, sorted. */
export function findDemoFiles(name: string, dir = DEMOS): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findDemoFiles(name, path);
      return entry.isFile() && entry.name === name ? [path] : [];
    })
    .sort();
}

/** The sandbox.json of the demo `script` belongs to ({} without one). */
export function settingsOf(script: string): DemoSettings {
  const file = join(dirname(script), 'sandbox.json');
  return existsSync(file)
    ? parseDemoSettings(readFileSync(file, 'utf8'), relative(ROOT, file))
    : {};
}

/** Runs `command script` in the script's folder; stdout, or an error carrying both streams. */
export async function runScript(
  command: string,
  script: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  try {
    const { stdout } = await run(command, [script], {
      cwd: dirname(script),
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      encoding: 'utf8',
      ...(env ? { env } : {}),
    });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & {
      stdout?: string;
      stderr?: string;
      killed?: boolean;
    };
    const why = failure.killed ? `timed out after ${TIMEOUT_MS} ms` : failure.message;
    throw new Error(
      `${relative(ROOT, script)} failed: ${why}\n--- stdout ---\n${failure.stdout ?? ''}\n--- stderr ---\n${failure.stderr ?? ''}`,
      { cause: error },
    );
  }
}
