import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoError } from './schema';
import { readSandboxTags } from './sandbox-tags';

const PAGE = '/p/';

const page = (body: string): string =>
  [
    '---',
    'title: A page',
    '---',
    '',
    "import Sandbox from '~/components/Sandbox.astro';",
    "import { Tabs, TabItem } from '@astrojs/starlight/components';",
    '',
    body,
    '',
  ].join('\n');

const failure = (source: string): string => {
  try {
    readSandboxTags(source, PAGE);
  } catch (error) {
    expect(error).toBeInstanceOf(DemoError);
    return (error as Error).message;
  }
  throw new Error('readSandboxTags did not throw');
};

describe('readSandboxTags', () => {
  it('reads a self-closing tag whose title holds a ">"', () => {
    expect(readSandboxTags(page('<Sandbox id="a" demo="c/a" title="a > b" />'), PAGE)).toEqual([
      { id: 'a', demo: 'c/a', title: 'a > b' },
    ]);
  });

  it("reads string literals in braces: title={'…'} and a template without ${}", () => {
    expect(
      readSandboxTags(page("<Sandbox id={`b`} demo={'c/b'} title={'a > b, \"quoted\"'} />"), PAGE),
    ).toEqual([{ id: 'b', demo: 'c/b', title: 'a > b, "quoted"' }]);
  });

  it('reads a tag with a closing tag', () => {
    expect(readSandboxTags(page('<Sandbox id="c" demo="c/c"></Sandbox>'), PAGE)).toEqual([
      { id: 'c', demo: 'c/c' },
    ]);
  });

  it('reads a tag nested in <Tabs>/<TabItem>, and an inline one, in document order', () => {
    const source = page(
      [
        '<Sandbox id="first" demo="c/first" />',
        '',
        '<Tabs>',
        '  <TabItem label="TypeScript">',
        '    <Sandbox id="nested" demo="c/nested" title="In a tab" />',
        '  </TabItem>',
        '</Tabs>',
        '',
        'Text with <Sandbox id="inline" demo="c/inline" /> inside.',
      ].join('\n'),
    );
    expect(readSandboxTags(source, PAGE)).toEqual([
      { id: 'first', demo: 'c/first' },
      { id: 'nested', demo: 'c/nested', title: 'In a tab' },
      { id: 'inline', demo: 'c/inline' },
    ]);
  });

  it('skips a tag inside a fenced code block or inline code: that is code, not a sandbox', () => {
    const source = page(
      [
        'Write `<Sandbox id="inline-code" demo="c/x" />` in a page:',
        '',
        '```mdx',
        '<Sandbox id="in-code" demo="c/x" />',
        '```',
        '',
        '<Sandbox id="real" demo="c/real" />',
      ].join('\n'),
    );
    expect(readSandboxTags(source, PAGE)).toEqual([{ id: 'real', demo: 'c/real' }]);
  });

  it('finds nothing on a page without sandboxes', () => {
    expect(readSandboxTags(page('Just *text*.'), PAGE)).toEqual([]);
  });

  it('rejects a spread, naming the page and the line', () => {
    expect(failure(page('<Sandbox id="a" demo="c/a" {...props} />'))).toBe(
      'A <Sandbox> on page /p/ (line 8): {...props} spreads props the build cannot read; write it as name="…" or name={\'…\'}.',
    );
  });

  it.each([['{title}'], ['{`a ${b}`}'], ["{'a' + 'b'}"], ['{42}']])(
    'rejects the computed title=%s, naming the page, the sandbox and the prop',
    (expression) => {
      expect(failure(page(`<Sandbox id="a" demo="c/a" title=${expression} />`))).toBe(
        `<Sandbox id="a"> on page /p/ (line 8): "title" is the expression ${expression}, which the build cannot read; write it as name="…" or name={'…'}.`,
      );
    },
  );

  it('runs the props through the component schema: misspelt, missing, boolean shorthand', () => {
    expect(failure(page('<Sandbox id="a" demo="c/a" tilte="T" />'))).toBe(
      '<Sandbox id="a"> on page /p/ (line 8): "tilte" is not a prop (did you mean "title"?); the props are id, demo, title.',
    );
    expect(failure(page('<Sandbox demo="c/a" />'))).toBe(
      '<Sandbox demo="c/a"> on page /p/ (line 8): "id" is missing (it must be a string).',
    );
    expect(failure(page('<Sandbox id="a" demo="c/a" title />'))).toBe(
      '<Sandbox id="a"> on page /p/ (line 8): "title" must be a string, got true.',
    );
  });

  it('rejects a prop given twice and children that would not be shown', () => {
    expect(failure(page('<Sandbox id="a" demo="c/a" id="b" />'))).toBe(
      '<Sandbox id="a"> on page /p/ (line 8): "id" is given twice.',
    );
    expect(failure(page('<Sandbox id="a" demo="c/a">\n\nSome text.\n\n</Sandbox>'))).toBe(
      '<Sandbox id="a"> on page /p/ (line 8): <Sandbox> takes no children (they would not be shown).',
    );
  });

  it('reports MDX that does not parse', () => {
    expect(failure(page('<Sandbox id="a" demo="c/a"'))).toMatch(/^Page \/p\/ is not valid MDX/);
  });

  it('reads every page of the site', () => {
    const root = join(process.cwd(), 'src', 'content', 'docs');
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.mdx'),
    );
    const tags = pages.flatMap((file) =>
      readSandboxTags(readFileSync(join(root, file), 'utf8'), `/${file}`),
    );
    expect(tags.length).toBeGreaterThan(10);
  });
});
