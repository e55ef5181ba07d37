/**
 * Stands in for `@codemirror/lang-html` and `@codemirror/lang-css` (aliased
 * in astro.config.mjs). Sandpack's editor builds the HTML and CSS languages
 * on every render even for TypeScript-only files; sandboxes here hold only
 * `.ts` files, so those parsers would be dead weight in every reader's
 * download and heap.
 */
/** An empty CodeMirror extension list: plain text, no parser. */
export function html(): readonly [] {
  return [];
}

export function css(): readonly [] {
  return [];
}
