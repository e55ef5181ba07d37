import { describe, expect, it } from 'vitest';
import { copyText, embedSnippet, sandboxLink } from './links';
import { embedPath, normalizeBase, pagePath, relativePage } from './paths';

describe('links', () => {
  it('deep link to a sandbox', () => {
    expect(sandboxLink('https://x.org', '/guide/', 'gather')).toBe('https://x.org/guide/#gather');
  });

  it('embed snippet: escaped attributes and the permissions an embed needs', () => {
    const snippet = embedSnippet('https://x.org/embed/a/b/', 'Quotes " & <tags>');
    expect(snippet).toMatch(/^<iframe src="https:\/\/x\.org\/embed\/a\/b\/"/);
    expect(snippet).toContain('title="Quotes &quot; &amp; &lt;tags&gt;"');
    expect(snippet).toContain('allow-scripts allow-same-origin');
    expect(snippet.trimEnd().endsWith('></iframe>')).toBe(true);
  });

  it('copyText reports failure instead of throwing', async () => {
    expect(await copyText('x')).toBe(false);
  });

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
