import { describe, expect, it } from 'vitest';
import { compileProgram, META_CALL, resolveImport } from './compile';

const files = (sources: Record<string, string>) =>
  Object.fromEntries(Object.entries(sources).map(([path, code]) => [path, { code, path }]));

/** Links a program the way a sandbox context does, with readable fake URLs. */
function linked(
  modules: {
    path: string;
    code: string;
    imports: { start: number; end: number; target: string }[];
  }[],
) {
  return Object.fromEntries(
    modules.map((m) => {
      let code = '';
      let at = 0;
      for (const imp of m.imports) {
        code += m.code.slice(at, imp.start) + `blob:${imp.target}`;
        at = imp.end;
      }
      return [m.path, code + m.code.slice(at)];
    }),
  );
}

describe('resolveImport', () => {
  const all = new Set(['/index.ts', '/lib.ts', '/util/index.ts', '/a/b.ts', '/data.js']);
  it('resolves extensionless, .ts, .js-for-.ts and folder imports', () => {
    expect(resolveImport('/index.ts', './lib', all)).toBe('/lib.ts');
    expect(resolveImport('/index.ts', './lib.ts', all)).toBe('/lib.ts');
    expect(resolveImport('/index.ts', './lib.js', all)).toBe('/lib.ts');
    expect(resolveImport('/index.ts', './util', all)).toBe('/util/index.ts');
    expect(resolveImport('/a/b.ts', '../lib', all)).toBe('/lib.ts');
    expect(resolveImport('/index.ts', './data.js', all)).toBe('/data.js');
    expect(resolveImport('/index.ts', 'file:///sandbox/lib.ts', all)).toBe('/lib.ts');
  });
  it('refuses packages and missing files', () => {
    expect(resolveImport('/index.ts', 'lodash', all)).toBeUndefined();
    expect(resolveImport('/index.ts', './nope', all)).toBeUndefined();
  });
  it('takes malformed percent-encoding literally instead of throwing', () => {
    expect(resolveImport('/index.ts', './50%', all)).toBeUndefined();
    expect(resolveImport('/index.ts', './50%', new Set(['/50%.ts']))).toBe('/50%.ts');
    expect(resolveImport('/index.ts', 'file://%zz/x', all)).toBeUndefined();
  });
});

describe('compileProgram with a malformed specifier', () => {
  it('fails as an ordinary missing module', async () => {
    const result = await compileProgram(files({ '/index.ts': "import './50%';\n" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.title).toBe('ModuleNotFoundError');
    expect(result.error.message).toContain('./50%');
    expect(result.error.location).toEqual({ path: '/index.ts', line: 1, column: 1 });
  });
});

describe('compileProgram', () => {
  it('strips types, orders dependencies first, and rewrites every specifier', async () => {
    const result = await compileProgram(
      files({
        '/index.ts':
          "import { f } from './lib';\nimport type { T } from './types';\nconst x: T = f(1);\nconst m = await import('./lazy');\nconsole.log(x, m);\n",
        '/lib.ts': 'export const f = (n: number): number => n + 1;\n',
        '/types.ts': 'export type T = number;\n',
        '/lazy.ts': "export default 'lazy';\n",
      }),
    );
    if (!result.ok) throw new Error(result.error.message);
    const order = result.program.modules.map((m) => m.path);
    expect(order.indexOf('/lib.ts')).toBeLessThan(order.indexOf('/index.ts'));
    expect(order.indexOf('/lazy.ts')).toBeLessThan(order.indexOf('/index.ts'));
    const code = linked(result.program.modules)['/index.ts'] ?? '';
    expect(code).toContain("from 'blob:/lib.ts'");
    expect(code).toContain("import('blob:/lazy.ts')");
    expect(code).not.toContain('./types');
    expect(code).not.toContain(': T');
  });

  it('keeps line and column of code after import.meta', async () => {
    const source = 'const u = import.meta.url; throw new Error(u);\n';
    const result = await compileProgram(files({ '/index.ts': source }));
    if (!result.ok) throw new Error(result.error.message);
    const code = result.program.modules[0]?.code ?? '';
    expect(code.indexOf('throw')).toBe(source.indexOf('throw'));
    expect(code).toContain(META_CALL);
    expect(code.split('\n')[0]?.length).toBe(source.split('\n')[0]?.length);
  });

  it('reports syntax errors with file, line and column', async () => {
    const result = await compileProgram(files({ '/index.ts': 'const a = 1;\nconst b = ;\n' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.title).toBe('SyntaxError');
    expect(result.error.location).toMatchObject({ path: '/index.ts', line: 2 });
  });

  it('explains missing modules, packages and circular imports', async () => {
    const missing = await compileProgram(files({ '/index.ts': "import './nope';\n" }));
    expect(!missing.ok && missing.error.message).toMatch(/Cannot find module "\.\/nope"/);
    const pkg = await compileProgram(
      files({ '/index.ts': "import _ from 'lodash';\nconsole.log(_);\n" }),
    );
    expect(!pkg.ok && pkg.error.message).toMatch(/offline/);
    const cycle = await compileProgram(
      files({ '/index.ts': "import './a';\n", '/a.ts': "import './index';\n" }),
    );
    expect(!cycle.ok && cycle.error.title).toBe('CircularImportError');
  });

  it('compiles worker files that are reached only through new URL()', async () => {
    const result = await compileProgram(
      files({
        '/index.ts': "new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });\n",
        '/worker.ts': "import { f } from './lib';\nself.postMessage(f());\n",
        '/lib.ts': 'export const f = () => 1;\n',
      }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.program.modules.map((m) => m.path).sort()).toEqual([
      '/index.ts',
      '/lib.ts',
      '/worker.ts',
    ]);
  });
});
