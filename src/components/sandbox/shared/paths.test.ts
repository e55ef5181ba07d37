import { describe, expect, it } from 'vitest';
import { embedPath, normalizeBase, pagePath, relativePage, sectionOfEmbed } from './paths';

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

  it('finds the section an embed shows, and only for embeds', () => {
    for (const [base, page, id] of [
      ['/', '/sync-vs-async/', 'gather'],
      ['/concurrency/', '/concurrency/fixtures/runtime/', 'multi-file'],
      ['/', '/', 'x'],
    ] as const) {
      expect(sectionOfEmbed(base, embedPath(base, page, id))).toBe(`${page}#${id}`);
    }
    expect(sectionOfEmbed('/', '/sync-vs-async/')).toBeUndefined();
    expect(sectionOfEmbed('/', '/embed/')).toBeUndefined();
  });
});
