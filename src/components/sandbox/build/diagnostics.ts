/**
 * Build-time TypeScript diagnostics for demos that show a type error on
 * purpose: the page prints what the compiler really says, never a copy.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export function typeDiagnostics(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    // The related information carries tsc's hint ("Did you forget to use 'await'?").
    const message = [
      diagnostic.messageText,
      ...(diagnostic.relatedInformation ?? []).map((info) => info.messageText),
    ]
      .map((text) => ts.flattenDiagnosticMessageText(text, '\n'))
      .join('\n  ');
    if (!diagnostic.file || diagnostic.start === undefined)
      return `error TS${diagnostic.code}: ${message}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const name = diagnostic.file.fileName.slice(dir.length + 1);
    return `${name}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
  });
}
