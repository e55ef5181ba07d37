/**
 * Code blocks scroll sideways instead of wrapping: a wrapped identifier breaks
 * mid-word in a narrow column (`max_wor|kers`). A region that scrolls must be
 * reachable by keyboard and, being a region, needs a name of its own, so every
 * `<pre>` of Expressive Code is a focusable, named region:
 *
 * - `codeRegions()`, an Expressive Code plugin (`ec.config.mjs`), does it for
 *   every block, Markdown or `<Code>` component: "Code: <title>" for a block
 *   with a title, else "Code example <n>" (its position on the page, when known).
 * - `codeRegionNamesPlugin`, a Markdown plugin that runs after Expressive Code,
 *   names the Markdown blocks without a title after the heading they follow
 *   ("Code: Async functions", then "Code: Async functions (2)"), and makes
 *   every name on the page unique.
 *
 * Expressive Code's own script drops `tabindex` and `role` from a block that
 * does not overflow (nothing to scroll, so nothing to focus) and adds them
 * back when it does; the name stays. Imported by `ec.config.mjs` outside Vite:
 * plain erasable TypeScript and explicit `.ts` imports only.
 */
import type { ExpressiveCodePlugin } from '@astrojs/starlight/expressive-code';
import { classes, headingBefore, isElement, type Element, type HastPlugin } from './hast.ts';

type Node = Element | { type: string };

function findPre(node: Node): Element | undefined {
  if (!isElement(node)) return undefined;
  if (node.tagName === 'pre') return node;
  for (const child of node.children) {
    const pre = findPre(child);
    if (pre) return pre;
  }
  return undefined;
}

/** The first name of a block: from its title, else from its position on the page. */
export function codeLabel(title: string | undefined, groupIndex: number | undefined): string {
  if (title?.trim()) return `Code: ${title.trim()}`;
  return groupIndex === undefined ? 'Code example' : `Code example ${groupIndex + 1}`;
}

export function codeRegions(): ExpressiveCodePlugin {
  return {
    name: 'Named scroll regions',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const pre = findPre(renderData.blockAst);
        if (!pre) return;
        const title = codeBlock.props.title;
        const groupIndex = codeBlock.parentDocument?.positionInDocument?.groupIndex;
        pre.properties = {
          ...pre.properties,
          tabIndex: 0,
          role: 'region',
          ariaLabel: codeLabel(title, groupIndex),
        };
      },
    },
  };
}

/** Expressive Code's frame (the `<pre>`'s parent) says whether the block has a title. */
function hasTitle(frame: Readonly<Element> | undefined): boolean {
  return Boolean(frame && classes(frame).includes('has-title'));
}

/** A fresh plugin per page: the names it has given are the page's. */
export function codeRegionNamesPlugin(): HastPlugin {
  const used = new Map<string, number>();
  const unique = (label: string): string => {
    const count = (used.get(label) ?? 0) + 1;
    used.set(label, count);
    return count === 1 ? label : `${label} (${count})`;
  };
  return {
    name: 'concurrency-code-region-names',
    element: {
      filter: ['pre'],
      visit(node, ctx) {
        const label = node.properties.ariaLabel ?? node.properties['aria-label'];
        // Only the blocks Expressive Code rendered (and `codeRegions` named).
        if (typeof label !== 'string') return undefined;
        const parent = ctx.parent(node);
        const frame = isElement(parent) ? parent : undefined;
        let name = label;
        if (!hasTitle(frame)) {
          const heading = headingBefore(node, ctx);
          if (heading) name = `Code: ${heading}`;
        }
        const { ['aria-label']: _old, ...properties } = node.properties;
        return { ...node, properties: { ...properties, ariaLabel: unique(name) } };
      },
    },
  };
}
