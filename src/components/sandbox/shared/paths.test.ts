import { describe, expect, it } from 'vitest';
import { embedPath, normalizeBase, pagePath, relativePage } from './paths';

describe('paths', () => {
  it('paths under a base', () => {
    expect(normalizeBase('/concurrency')).toBe('/concurrency/');
    expect(pagePath('/concurrency/', 'sync-vs-async/')).toBe('/concurrency/sync-vs-async/');
    expect(relativePage('/concurrency/', '/concurrency/sync-vs-async/')).toBe('sync-vs-async/');
    expect(embedPath('/', '/sync-vs-async/', 'gather')).toBe('/embed/sync-vs-async/gather/');
    expect(embedPath('/concurrency', '/concurrency/fixtures/runtime/', 'x')).toBe(
      '/concurrency/embed/fixtures/runtime/x/',
    );
    expect(embedPath('/', '/', 'x')).toBe('/embed/x/');
  });
});
