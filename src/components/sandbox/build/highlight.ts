/**
 * Build-time syntax highlighting for the server-rendered sandbox, with the
 * parser (Lezer) and the tag-to-class mapping the live editor uses
 * (Sandpack's `sp-syntax-*` classes on CodeMirror's TypeScript grammar), so
 * the code keeps its colours when the editor takes over. Python uses the
 * same classes on Lezer's Python grammar.
 */
import { highlightTree, tagHighlighter, tags } from '@lezer/highlight';
import { parser as jsParser } from '@lezer/javascript';
import { parser as pyParser } from '@lezer/python';

/** Sandpack 2.20's `getSyntaxHighlight`, the classes only. */
const highlighter = tagHighlighter([
  { tag: tags.keyword, class: 'sp-syntax-keyword' },
  { tag: [tags.atom, tags.number, tags.bool], class: 'sp-syntax-static' },
  { tag: tags.variableName, class: 'sp-syntax-plain' },
  { tag: tags.standard(tags.tagName), class: 'sp-syntax-tag' },
  {
    tag: [
      tags.function(tags.variableName),
      tags.definition(tags.function(tags.variableName)),
      tags.tagName,
    ],
    class: 'sp-syntax-definition',
  },
  { tag: tags.propertyName, class: 'sp-syntax-property' },
  { tag: [tags.literal, tags.inserted], class: 'sp-syntax-string' },
  { tag: tags.punctuation, class: 'sp-syntax-punctuation' },
  { tag: [tags.comment, tags.quote], class: 'sp-syntax-comment' },
]);

const tsParser = jsParser.configure({ dialect: 'ts' });

export type CodeLanguage = 'ts' | 'python';

function escapeHTML(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One HTML string per line of `code` (no trailing newline), spans closed at line ends. */
export function highlightLines(code: string, language: CodeLanguage): string[] {
  const text = code.replace(/\n$/, '');
  const tree = (language === 'ts' ? tsParser : pyParser).parse(text);
  const ranges: { from: number; to: number; classes: string }[] = [];
  highlightTree(tree, highlighter, (from, to, classes) => {
    ranges.push({ from, to, classes });
  });
  const lines: string[] = [''];
  const emit = (segment: string, classes: string | undefined): void => {
    segment.split('\n').forEach((part, index) => {
      if (index > 0) lines.push('');
      if (!part) return;
      const html = escapeHTML(part);
      const last = lines.length - 1;
      lines[last] =
        `${lines[last] ?? ''}${classes ? `<span class="${classes}">${html}</span>` : html}`;
    });
  };
  let at = 0;
  for (const { from, to, classes } of ranges) {
    if (from > at) emit(text.slice(at, from), undefined);
    emit(text.slice(from, to), classes);
    at = to;
  }
  if (at < text.length) emit(text.slice(at), undefined);
  return lines;
}

/**
 * A hint's text as HTML: escaped, with `backticks` as code. Hints are one or
 * two sentences with inline code and nothing else, so a Markdown parser would
 * add a dependency to the build for one rule.
 */
export function inlineCodeHTML(text: string): string {
  return escapeHTML(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
