/**
 * `npm test`: every check, in order, stopping at the first that fails, with
 * each phase's time at the end (CI prints it; a slow phase shows at a glance).
 */
import { spawnSync } from 'node:child_process';

const PHASES: { script: string; env?: Record<string, string> }[] = [
  { script: 'check' },
  { script: 'lint' },
  { script: 'format:check' },
  { script: 'test:unit' },
  { script: 'build' },
  { script: 'size' },
  // The build above is the one the e2e suite serves.
  { script: 'test:e2e', env: { E2E_SKIP_BUILD: '1' } },
];

const times: { script: string; seconds: number; ok: boolean }[] = [];
let failed = false;
for (const { script, env } of PHASES) {
  console.log(`\n--- npm run ${script}`);
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', script], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const ok = result.status === 0;
  times.push({ script, seconds: (performance.now() - started) / 1000, ok });
  if (!ok) {
    failed = true;
    break;
  }
}

console.log('\n--- phase times');
for (const { script, seconds, ok } of times) {
  console.log(`  ${script.padEnd(14)} ${seconds.toFixed(1).padStart(7)} s${ok ? '' : '  FAILED'}`);
}
process.exit(failed ? 1 : 0);
