/**
 * The `<Sandbox>` tags of an MDX page, read from its syntax tree with the
 * parser Astro compiles the page with (satteri), so what is found here is
 * exactly what renders: a `>` inside a title, a closing `</Sandbox>` or a tag
 * nested in `<Tabs>` are all read right, and a tag inside a code block is
 * code, not a sandbox.
 */
import { mdxToMdast, type MdastNode, type MdxJsxAttributeUnion } from 'satteri';
import ts from 'typescript';
import { DemoError, parseSandboxTag, tagLabel, type SandboxTag } from './schema';

const READABLE = 'write it as name="…" or name={\'…\'}';

/** A string literal or a template literal without `${}`; anything else cannot be read at build time. */
function literalString(expression: string): string | undefined {
  const file = ts.createSourceFile('prop.ts', `(${expression});`, ts.ScriptTarget.Latest);
  const [statement, ...more] = file.statements;
  if (more.length > 0 || !statement || !ts.isExpressionStatement(statement)) return undefined;
  if (!ts.isParenthesizedExpression(statement.expression)) return undefined;
  const value = statement.expression.expression;
  return ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)
    ? value.text
    : undefined;
}

function readAttributes(
  attributes: readonly MdxJsxAttributeUnion[],
  at: string,
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  // Errors name the tag by its id, which may come after the offending prop.
  const label = (): string => tagLabel(props);
  for (const attribute of attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      throw new DemoError(
        `A <Sandbox> ${at}: {${attribute.value}} spreads props the build cannot read; ${READABLE}.`,
      );
    }
    const { name, value } = attribute;
    if (name in props) throw new DemoError(`${label()} ${at}: "${name}" is given twice.`);
    if (value === null || value === undefined) {
      props[name] = true;
    } else if (typeof value === 'string') {
      props[name] = value;
    } else {
      const text = literalString(value.value);
      if (text === undefined) {
        throw new DemoError(
          `${label()} ${at}: "${name}" is the expression {${value.value}}, which the build cannot read; ${READABLE}.`,
        );
      }
      props[name] = text;
    }
  }
  return props;
}

/**
 * Every `<Sandbox>` of an MDX source, in document order. `page` names the
 * page in messages (e.g. "/sync-vs-async/"); lines count from the source's
 * first line, so pass the whole file, front matter included.
 */
export function readSandboxTags(source: string, page: string): SandboxTag[] {
  let tree: MdastNode;
  try {
    tree = mdxToMdast(source);
  } catch (error) {
    throw new DemoError(`Page ${page} is not valid MDX (${(error as Error).message}).`);
  }
  const tags: SandboxTag[] = [];
  const visit = (node: MdastNode): void => {
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      node.name === 'Sandbox'
    ) {
      const line = node.position?.start.line;
      const at = `on page ${page}${line === undefined ? '' : ` (line ${line})`}`;
      const props = readAttributes(node.attributes, at);
      if (node.children.length > 0) {
        throw new DemoError(
          `${tagLabel(props)} ${at}: <Sandbox> takes no children (they would not be shown).`,
        );
      }
      tags.push(parseSandboxTag(props, at));
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return tags;
}
