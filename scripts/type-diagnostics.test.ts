/**
 * The TypeScript diagnostics a page shows for demos with `showTypeErrors`
 * come from the compiler itself.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeDiagnostics } from '../src/components/sandbox/build/diagnostics';

const DEMOS = join(import.meta.dirname, '..', 'demos');

describe('typeDiagnostics', () => {
  it('reports the always-true Promise condition in async-pitfalls/truthy-promise', () => {
    const diagnostics = typeDiagnostics(join(DEMOS, 'async-pitfalls', 'truthy-promise'));
    expect(diagnostics).toHaveLength(1);
    const [diagnostic = ''] = diagnostics;
    // index.ts line 13 is `  if (docExists(name)) {`: the condition starts at column 7.
    expect(diagnostic).toMatch(/^index\.ts\(13,7\): error TS2801: /);
    for (const words of [
      'condition will always return true',
      "'Promise<boolean>'",
      'always defined',
    ]) {
      expect(diagnostic).toContain(words);
    }
  }, 30_000);

  it("includes the compiler's hint to use await for the truthy promise", () => {
    // tsc attaches "Did you forget to use 'await'?" to TS2801 as related information.
    const diagnostics = typeDiagnostics(join(DEMOS, 'async-pitfalls', 'truthy-promise'));
    expect(diagnostics.join('\n')).toContain("Did you forget to use 'await'?");
  }, 30_000);

  it('reports nothing for a correct multi-file demo (which imports ./math.ts)', () => {
    expect(typeDiagnostics(join(DEMOS, 'fixtures', 'multi-file'))).toEqual([]);
  }, 30_000);
});
