/**
 * Prints the closing `N passed, N failed` line for .ci/run from the unit and
 * e2e reports. A stage that failed before its tests ran (type-check, lint,
 * build) leaves no report; it is counted as one failure so a red run never
 * prints "0 failed".
 */
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
}

function read(path: string, pick: (json: Record<string, number>) => Counts): Counts | undefined {
  if (!existsSync(path)) return undefined;
  return pick(JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>);
}

const exitCode = Number(process.argv[2] ?? '1');
const unit = read('reports/unit.json', (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: j.numFailedTests ?? 0,
}));
const e2e = read('reports/e2e-summary.json', (j) => ({
  passed: j.passed ?? 0,
  failed: j.failed ?? 0,
}));
const passed = (unit?.passed ?? 0) + (e2e?.passed ?? 0);
let failed = (unit?.failed ?? 0) + (e2e?.failed ?? 0);
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
