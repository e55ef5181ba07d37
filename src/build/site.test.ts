import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeClientOutput, safeFileName, siteFromEnv, socialImageHead } from './site';

describe('SITE', () => {
  it('is undefined when unset or empty: no made-up origin', () => {
    expect(siteFromEnv(undefined)).toBeUndefined();
    expect(siteFromEnv('')).toBeUndefined();
  });

  it('is set by the deploy workflow, for the build it publishes', () => {
    const workflow = readFileSync('.github/workflows/deploy.yml', 'utf8');
    const build = workflow.slice(
      workflow.indexOf('- name: Build'),
      workflow.indexOf('upload-pages-artifact'),
    );
    expect(build).toMatch(/^\s+SITE: https:\/\/\$\{\{ github\.repository_owner \}\}\.github\.io$/m);
    expect(build).toMatch(/^\s+BASE_PATH: /m);
  });

  it('is an absolute http(s) URL', () => {
    expect(siteFromEnv('https://owner.github.io')).toBe('https://owner.github.io/');
    expect(() => siteFromEnv('owner.github.io')).toThrow(/absolute URL/);
    expect(() => siteFromEnv('ftp://example.org')).toThrow(/http\(s\)/);
  });
});

describe('the social image tags', () => {
  it('are absolute URLs under the base path, with size and alt text', () => {
    const head = socialImageHead('https://owner.github.io/', '/concurrency/');
    const content = (property: string) =>
      head.find((tag) => tag.attrs.property === property)?.attrs.content;
    expect(content('og:image')).toBe('https://owner.github.io/concurrency/og-image.png');
    expect(content('og:image:width')).toBe('1200');
    expect(content('og:image:height')).toBe('630');
    expect(content('og:image:alt')).toMatch(/^Concurrency, by running it/);
  });

  it('are left out without a SITE (a relative og:image is invalid)', () => {
    expect(socialImageHead(undefined, '/')).toEqual([]);
  });
});

describe('file names', () => {
  it('never hold ".." nor start with anything but a letter or digit', () => {
    expect(safeFileName('_...path_.astro_astro_type_script_index_0_lang')).toBe(
      'path_.astro_astro_type_script_index_0_lang',
    );
    expect(safeFileName('[slug]')).toBe('slug');
    expect(safeFileName('a..b')).toBe('a.b');
    expect(safeFileName('mount')).toBe('mount');
    expect(safeFileName('consoleHook-59e792cb')).toBe('consoleHook-59e792cb');
    expect(safeFileName('___')).toBe('chunk');
  });

  it("keep Astro's layout: _astro/<name>.<hash>.<ext>", () => {
    const output = safeClientOutput();
    expect(output.entryFileNames({ name: '_...path_.astro' })).toBe('_astro/path_.astro.[hash].js');
    expect(output.chunkFileNames({ name: 'mount' })).toBe('_astro/mount.[hash].js');
    expect(output.assetFileNames({ names: ['Sandbox.css'] })).toBe(
      '_astro/Sandbox.[hash][extname]',
    );
    expect(output.assetFileNames({ names: ['index@_@astro.css'] })).toBe(
      '_astro/index.[hash][extname]',
    );
    expect(output.assetFileNames({ names: ['_...path_.css'] })).toBe('_astro/path.[hash][extname]');
  });
});
