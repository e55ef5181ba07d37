/** Links a program's modules into blob URLs of this context and maps positions back. */
import type { ContextConfig, SourceLocation } from '../protocol';
import { originalColumn, type ModuleLocator } from './stack';

export function link(config: ContextConfig): {
  urlOf: Map<string, string>;
  locator: ModuleLocator;
} {
  const urlOf = new Map<string, string>();
  const pathOf = new Map<string, string>();
  for (const module of config.program.modules) {
    let code = '';
    let copied = 0;
    for (const { start, end, target } of module.imports) {
      code += module.code.slice(copied, start) + (urlOf.get(target) ?? target);
      copied = end;
    }
    code += module.code.slice(copied);
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    urlOf.set(module.path, url);
    pathOf.set(url, module.path);
  }
  return { urlOf, locator: moduleLocator(config, pathOf) };
}

export function moduleLocator(config: ContextConfig, pathOf: Map<string, string>): ModuleLocator {
  const generatedLines = new Map(config.program.modules.map((m) => [m.path, m.code.split('\n')]));
  const originalLines = new Map(
    Object.entries(config.program.sources).map(([path, code]) => [path, code.split('\n')]),
  );
  return {
    locate(url, line, column): SourceLocation | undefined {
      const path = pathOf.get(url);
      if (!path) return undefined;
      const generated = generatedLines.get(path)?.[line - 1];
      const original = originalLines.get(path)?.[line - 1];
      if (generated === undefined || original === undefined) return { path, line, column };
      return { path, line, column: originalColumn(generated, original, column) };
    },
    pathOf(url) {
      return pathOf.get(url);
    },
    isInternal(url) {
      return url.startsWith('data:') || (url.startsWith('blob:') && !pathOf.has(url));
    },
  };
}
