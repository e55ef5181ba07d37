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

/**
 * The entry behind a module that calls `onEvaluate` just before the entry's
 * graph evaluates. The promise of `import()` tells when evaluation ended, and
 * with a top-level await only once that is over; this tells when it started.
 * The hook reaches `onEvaluate` through a global that it deletes before any
 * sandbox module runs; its blobs are no sandbox files, so stacks leave them
 * out (`isInternal`).
 */
export function hookedEntry(
  entryURL: string,
  onEvaluate: () => void,
): { url: string; dispose(): void } {
  const key = `__sandboxEvaluate${String(Math.random()).slice(2)}`;
  const remove = (): void => {
    Reflect.deleteProperty(globalThis, key);
  };
  Object.defineProperty(globalThis, key, {
    configurable: true,
    value: () => {
      remove();
      onEvaluate();
    },
  });
  const blob = (code: string): string =>
    URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const hook = blob(`globalThis[${JSON.stringify(key)}]?.();`);
  const url = blob(`import ${JSON.stringify(hook)};\nimport ${JSON.stringify(entryURL)};\n`);
  return {
    url,
    dispose() {
      remove();
      URL.revokeObjectURL(hook);
      URL.revokeObjectURL(url);
    },
  };
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
