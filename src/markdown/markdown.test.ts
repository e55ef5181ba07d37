import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { codeLabel, codeRegionNamesPlugin, codeRegions } from './code-regions';
import { isElement, type Element, type HastPlugin } from './hast';
import { tablesPlugin } from './tables';

/** Astro's Markdown engine, with the plugins in the order the site runs them. */
function render(markdown: string, plugins: (HastPlugin | (() => HastPlugin))[]): string {
  const { html } = markdownToHtml(markdown, { hastPlugins: plugins });
  return html;
}

describe('tables', () => {
  const TABLE = [
    '| Notebook (Python) | Time |',
    '| ----------------- | ---- |',
    '| ThreadPool, `5` workers | 2.01&nbsp;s |',
    '| asyncio.gather | 1.00&nbsp;s |',
  ].join('\n');

  it("label every body cell with its column's heading, and state the table's roles", () => {
    const html = render(TABLE, [tablesPlugin]);
    expect(html).toContain('<table role="table">');
    expect(html).toContain('<thead role="rowgroup">');
    expect(html).toContain('<th role="columnheader">Notebook (Python)</th>');
    expect(html).toContain(
      '<td role="cell" data-label="Notebook (Python)">ThreadPool, <code>5</code> workers</td>',
    );
    expect(html).toContain('<td role="cell" data-label="Time">2.01\u00a0s</td>');
    expect(html.match(/<tr role="row">/g)).toHaveLength(3);
  });
});

/** Stands in for Expressive Code: a titled or untitled frame around a named `<pre>`. */
const fakeExpressiveCode: HastPlugin = {
  name: 'fake-expressive-code',
  element: {
    filter: ['pre'],
    visit(node) {
      const code = node.children.find((child): child is Element => isElement(child, 'code'));
      const title = /title="([^"]+)"/.exec(
        String(code?.data && 'meta' in code.data ? code.data.meta : ''),
      );
      const pre: Element = { ...node, properties: { ariaLabel: codeLabel(title?.[1], 0) } };
      return {
        type: 'element',
        tagName: 'div',
        properties: { className: ['expressive-code'] },
        children: [
          {
            type: 'element',
            tagName: 'figure',
            properties: { className: title ? ['frame', 'has-title'] : ['frame'] },
            children: [pre],
          },
        ],
      };
    },
  },
};

describe('code regions', () => {
  it('are named after the heading they follow, numbered when one heading has several', () => {
    const html = render(
      [
        '```ts',
        'a()',
        '```',
        '## Async functions',
        '```ts',
        'b()',
        '```',
        'Text.',
        '```ts',
        'c()',
        '```',
        '## Later',
        '```ts',
        'd()',
        '```',
      ].join('\n\n'),
      [fakeExpressiveCode, () => codeRegionNamesPlugin()],
    );
    const labels = [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'Code example 1',
      'Code: Async functions',
      'Code: Async functions (2)',
      'Code: Later',
    ]);
  });

  it('keep the title of a titled block, unique on the page', () => {
    const block = '```ts title="squares.ts"\nx\n```';
    const html = render(`## Work\n\n${block}\n\n${block}`, [
      fakeExpressiveCode,
      () => codeRegionNamesPlugin(),
    ]);
    const labels = [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toEqual(['Code: squares.ts', 'Code: squares.ts (2)']);
  });

  it('Expressive Code makes every block a focusable region named after its title', async () => {
    const ec = new ExpressiveCode({ plugins: [codeRegions()] });
    const render = async (props: { title?: string }) => {
      const { renderedGroupAst } = await ec.render({ code: 'let x = 1;', language: 'ts', props });
      const find = (node: unknown): Element | undefined => {
        if (!isElement(node)) return undefined;
        if (node.tagName === 'pre') return node;
        for (const child of node.children) {
          const pre = find(child);
          if (pre) return pre;
        }
        return undefined;
      };
      return find(renderedGroupAst)?.properties;
    };
    expect(await render({ title: 'squares.ts' })).toMatchObject({
      tabIndex: 0,
      role: 'region',
      ariaLabel: 'Code: squares.ts',
    });
    expect((await render({}))?.ariaLabel).toBe('Code example');
  });
});
