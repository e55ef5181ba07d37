/**
 * The little of the HTML syntax tree (hast) the Markdown plugins here need,
 * and the shape of a hast plugin of Astro's Markdown engine (satteri), written
 * out so the site depends on the engine only through Astro.
 */
import type { Element, ElementContent, Parents, Root, RootContent } from 'hast';

export type { Element, ElementContent, Root };

/** What a visitor may ask about the tree around the node it was given. */
export interface VisitContext {
  parent(node: Readonly<Element | RootContent>): Readonly<Parents> | undefined;
  /** Position among its parent's children (the engine's copies defeat `children.indexOf`). */
  indexOf(node: Readonly<Element | RootContent>): number | undefined;
  textContent(node: Readonly<Element | Root>): string;
}

export interface HastPlugin {
  name: string;
  element: {
    filter: string[];
    visit(node: Readonly<Element>, ctx: VisitContext): Element | undefined;
  };
}

export function isElement(node: unknown, tagName?: string): node is Element {
  const element = node as Partial<Element> | undefined;
  return element?.type === 'element' && (tagName === undefined || element.tagName === tagName);
}

/** The element's classes, whichever way the tree spells them. */
export function classes(node: Readonly<Element>): string[] {
  const value = node.properties.className ?? node.properties.class;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/\s+/) : [];
}

interface AnyNode {
  type: string;
  value?: unknown;
  children?: readonly AnyNode[];
}

/** Concatenated text of a subtree (DOM `textContent`). */
export function textOf(node: Readonly<AnyNode>): string {
  if (node.type === 'text' && typeof node.value === 'string') return node.value;
  return node.children?.map((child) => textOf(child)).join('') ?? '';
}

const HEADING = /^h[1-6]$/;

/**
 * The text of the heading that comes last before `node` at the top level of
 * the document (a heading may sit in Starlight's `div.sl-heading-wrapper`),
 * or undefined when none does.
 */
export function headingBefore(node: Readonly<Element>, ctx: VisitContext): string | undefined {
  let top: Readonly<Element | RootContent> = node;
  let parent = ctx.parent(top);
  while (parent && parent.type !== 'root') {
    top = parent;
    parent = ctx.parent(top);
  }
  if (!parent) return undefined;
  const siblings = parent.children;
  const index = ctx.indexOf(top);
  if (index === undefined) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i];
    if (!isElement(sibling)) continue;
    if (HEADING.test(sibling.tagName)) return textOf(sibling).trim();
    const inner = sibling.children.find(
      (child): child is Element => isElement(child) && HEADING.test(child.tagName),
    );
    if (inner && classes(sibling).includes('sl-heading-wrapper')) return textOf(inner).trim();
  }
  return undefined;
}
