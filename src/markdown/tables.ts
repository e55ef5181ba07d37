/**
 * Tables that stay readable in a narrow column. `src/styles/prose.css` lays a
 * table out as one card per row when the column of text is narrow (a phone),
 * each cell under its column's heading. For that, this plugin gives every
 * body cell its column's heading (`data-label`), and states the table's roles
 * outright, because some browsers stop exposing a table whose parts are
 * displayed as blocks as a table to screen readers.
 */
import { isElement, textOf, type Element, type ElementContent, type HastPlugin } from './hast.ts';

const ROLES: Record<string, string> = {
  table: 'table',
  thead: 'rowgroup',
  tbody: 'rowgroup',
  tfoot: 'rowgroup',
  tr: 'row',
  th: 'columnheader',
  td: 'cell',
};

function cells(row: Readonly<Element>): Element[] {
  return row.children.filter(
    (child): child is Element => isElement(child, 'td') || isElement(child, 'th'),
  );
}

function rows(table: Readonly<Element>): Element[] {
  return table.children.flatMap((section) => {
    if (!isElement(section)) return [];
    if (section.tagName === 'tr') return [section];
    return section.children.filter((row): row is Element => isElement(row, 'tr'));
  });
}

/** The text of each column's heading, from the table's first row of `th`s. */
export function columnLabels(table: Readonly<Element>): string[] {
  const head = rows(table).find((row) => cells(row).every((cell) => cell.tagName === 'th'));
  return head ? cells(head).map((cell) => textOf(cell).replace(/\s+/g, ' ').trim()) : [];
}

function withRoles(node: Readonly<ElementContent>, labels: readonly string[]): ElementContent {
  if (!isElement(node)) return node;
  const role = ROLES[node.tagName];
  if (!role) return node;
  const properties = { ...node.properties, role };
  if (node.tagName === 'tr') {
    let column = 0;
    const children = node.children.map((child) => {
      if (!isElement(child, 'td')) return withRoles(child, labels);
      const label = labels[column++];
      const cell = withRoles(child, labels) as Element;
      return label ? { ...cell, properties: { ...cell.properties, 'data-label': label } } : cell;
    });
    return { ...node, properties, children };
  }
  if (node.tagName === 'th' || node.tagName === 'td') return { ...node, properties };
  return { ...node, properties, children: node.children.map((child) => withRoles(child, labels)) };
}

/** The table with its roles stated and each body cell labelled with its column's heading. */
export function labelTable(table: Readonly<Element>): Element {
  return withRoles(table, columnLabels(table)) as Element;
}

export const tablesPlugin: HastPlugin = {
  name: 'concurrency-tables',
  element: {
    filter: ['table'],
    visit: (node) => labelTable(node),
  },
};
