/**
 * Every "The same in Node" counterpart (counterpart.node.ts beside a demo)
 * prints what its counterpart.node.expected.txt says, run by the project's
 * own Node (the `node` devDependency; it strips the types itself).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMismatch, parseExpected } from '../src/components/sandbox/shared/expected';
import { DEMOS, findDemoFiles, runScript, TIMEOUT_MS } from './counterparts';

const counterparts = findDemoFiles('counterpart.node.ts');

describe('Node counterparts', () => {
  it('run on the Node the project brings (24)', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('exist for the Node page', () => {
    expect(counterparts.length).toBeGreaterThanOrEqual(3);
  });

  // Sequential on purpose: the scripts time themselves.
  for (const script of counterparts) {
    const name = relative(DEMOS, dirname(script));
    it(
      `${name}/counterpart.node.ts prints counterpart.node.expected.txt`,
      async () => {
        const expected = readFileSync(
          join(dirname(script), 'counterpart.node.expected.txt'),
          'utf8',
        );
        // NODE_OPTIONS from the test runner (loaders, inspector) must not reach the program.
        const { NODE_OPTIONS: _ignored, ...env } = process.env;
        const stdout = await runScript(process.execPath, script, env);
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
