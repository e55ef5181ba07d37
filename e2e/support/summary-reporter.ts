import { mkdirSync, writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Writes pass/fail counts for .ci/run, which adds them to the unit-test counts. */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed') return;
    if (test.outcome() === 'expected') this.passed += 1;
    else if (test.outcome() !== 'skipped') this.failed += 1;
  }

  onEnd(result: FullResult): void {
    mkdirSync('reports', { recursive: true });
    const failed = this.failed + (result.status === 'passed' || this.failed > 0 ? 0 : 1);
    writeFileSync('reports/e2e-summary.json', JSON.stringify({ passed: this.passed, failed }));
  }
}
