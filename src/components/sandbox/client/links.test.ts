import { describe, expect, it } from 'vitest';
import { copyText, EMBED_HEIGHT, embedSnippet, sandboxLink } from './links';

describe('links', () => {
  it('deep link to a sandbox', () => {
    expect(sandboxLink('https://x.org', '/guide/', 'gather')).toBe('https://x.org/guide/#gather');
  });

  it('embed snippet: escaped attributes and the permissions an embed needs', () => {
    const snippet = embedSnippet('https://x.org/embed/a/b/', 'Quotes " & <tags>');
    expect(snippet).toMatch(/^<iframe src="https:\/\/x\.org\/embed\/a\/b\/"/);
    expect(snippet).toContain('title="Quotes &quot; &amp; &lt;tags&gt;"');
    expect(snippet).toContain('allow-scripts allow-same-origin');
    expect(snippet).toContain(`height="${EMBED_HEIGHT}"`);
    expect(snippet.trimEnd().endsWith('></iframe>')).toBe(true);
  });

  it('copyText reports failure instead of throwing', async () => {
    expect(await copyText('x')).toBe(false);
  });
});
