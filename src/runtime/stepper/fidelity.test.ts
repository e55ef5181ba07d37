/**
 * The stepper prints what V8 prints: every demo marked `"stepper": true` in
 * its sandbox.json is recorded in engine262 and its console compared with the
 * demo's expected.txt by the matcher the e2e uses for normal (V8) runs. The
 * e2e proves V8 prints expected.txt, so together they make the engines agree.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDemo } from '../../components/sandbox/build/demos';
import { findMismatch, parseExpected } from '../../components/sandbox/shared/expected';
import { compileProgram } from '../host/compile';
import { isStepTrace } from '../protocol';
import { recordSteps } from './engine';

const DEMOS = 'demos';

function stepperDemos(): string[] {
  const found: string[] = [];
  for (const chapter of readdirSync(DEMOS, { withFileTypes: true })) {
    if (!chapter.isDirectory()) continue;
    for (const demo of readdirSync(join(DEMOS, chapter.name), { withFileTypes: true })) {
      const settings = join(DEMOS, chapter.name, demo.name, 'sandbox.json');
      if (!demo.isDirectory() || !existsSync(settings)) continue;
      const parsed = JSON.parse(readFileSync(settings, 'utf8')) as { stepper?: unknown };
      if (parsed.stepper === true) found.push(`${chapter.name}/${demo.name}`);
    }
  }
  return found.sort();
}

const demos = stepperDemos();

test('some demos offer the stepper', () => {
  expect(demos.length).toBeGreaterThan(0);
  expect(demos).toContain('event-loop/order');
});

describe('the stepper prints each stepper demo’s expected output', () => {
  for (const demo of demos) {
    test(demo, async () => {
      const folder = join(DEMOS, demo);
      // The sandbox's own files, as the build loads them (not its counterparts or solution).
      const files = Object.fromEntries(
        loadDemo(demo, 'the stepper fidelity test').files.map((file) => [
          file.path,
          { path: file.path, code: file.code },
        ]),
      );
      const compiled = await compileProgram(files);
      if (!compiled.ok) throw new Error(`${demo}: ${compiled.error.message}`);
      const trace = recordSteps(compiled.program, compiled.entry);
      expect(isStepTrace(trace)).toBe(true);
      const transcript = trace.console.map((line) => line.text).join('\n');
      const mismatch = findMismatch(
        parseExpected(readFileSync(join(folder, 'expected.txt'), 'utf8')),
        transcript,
      );
      expect(
        mismatch,
        mismatch &&
          `${demo} line ${mismatch.line}: expected ${mismatch.expected}\n  got ${mismatch.actual}\n(the recording ended: ${JSON.stringify(trace.end)})`,
      ).toBeUndefined();
    });
  }
});
