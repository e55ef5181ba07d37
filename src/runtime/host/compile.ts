/**
 * Turns the sandbox's files into a linkable program: TypeScript is stripped
 * with sucrase (chosen by measurement, see the runtime README), imports are
 * found with es-module-lexer and resolved to sandbox files, and the modules
 * are ordered so every dependency precedes its importers.
 */
import { init, parse } from 'es-module-lexer';
import { transform } from 'sucrase';
import type { LinkableModule, SandboxProgram, SandpackModules, SourceLocation } from '../protocol';
import { sandboxURL } from '../protocol';

const RUNNABLE = /\.(?:ts|mts|tsx|js|mjs|jsx)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

/** `import.meta` becomes a call of the same length so columns in stack traces stay true. */
export const META_CALL = '__sbxMeta()';

export interface CompileFailure {
  title: 'SyntaxError' | 'ModuleNotFoundError' | 'CircularImportError';
  message: string;
  location: SourceLocation;
}

export type CompileResult =
  { ok: true; program: SandboxProgram; entry: string } | { ok: false; error: CompileFailure };

/**
 * The decoded path of `spec` against `base`. A reader's `./50%` is not valid
 * percent-encoding: it names the file literally rather than failing the compile.
 */
function parsePath(spec: string, base: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(spec, base).pathname;
  } catch {
    return undefined;
  }
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Resolves `spec` imported from `from` against the sandbox files, the way Node + TS users expect. */
export function resolveImport(
  from: string,
  spec: string,
  files: ReadonlySet<string>,
): string | undefined {
  if (!spec.startsWith('./') && !spec.startsWith('../') && !spec.startsWith('/')) {
    const fileURL = spec.startsWith('file://') ? parsePath(spec, 'file:///') : undefined;
    if (!fileURL) return undefined;
    spec = fileURL.replace(/^\/sandbox/, '');
  }
  const target = parsePath(spec, new URL(from, 'file:///').href);
  if (target === undefined) return undefined;
  // `./lib.js` names the compiled output of `./lib.ts` in TypeScript's Node16 style.
  const candidates = RESOLVE_SUFFIXES.map((suffix) => target + suffix);
  if (/\.(?:js|mjs)$/.test(target)) {
    candidates.push(target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'));
  }
  return candidates.find((candidate) => files.has(candidate) && RUNNABLE.test(candidate));
}

/** The entry file: package.json's `main` when it names a sandbox file, else index.ts/js. */
export function findEntry(modules: SandpackModules): string | undefined {
  const pkg = modules['/package.json'];
  if (pkg) {
    try {
      const main = (JSON.parse(pkg.code) as { main?: unknown }).main;
      if (typeof main === 'string') {
        const resolved = resolveImport(
          '/',
          main.startsWith('/') ? main : `/${main}`,
          new Set(Object.keys(modules)),
        );
        if (resolved) return resolved;
      }
    } catch {
      // A broken package.json is the reader's edit; fall back to the conventional entry.
    }
  }
  return ['/index.ts', '/main.ts', '/index.js', '/main.js'].find((path) => path in modules);
}

function lineColumnAt(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function metaFunction(path: string): string {
  const url = JSON.stringify(sandboxURL(path));
  // Appended after the last line so no line or column of the module moves.
  return `\nfunction __sbxMeta(){return __sbxMeta.m??=Object.freeze({url:${url},resolve:(s)=>new URL(s,${url}).href})}`;
}

interface Transpiled {
  path: string;
  code: string;
  specifiers: { start: number; end: number; spec: string; statementStart: number }[];
}

function transpile(path: string, source: string): Transpiled | CompileFailure {
  let code: string;
  try {
    const result = transform(source, {
      transforms: /\.m?tsx?$/.test(path) ? ['typescript'] : [],
      filePath: path,
      disableESTransforms: true,
    });
    code = result.code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/^Error transforming [^:]+: /, '');
    return {
      title: 'SyntaxError',
      message: message.replace(/ \(\d+:\d+\)$/, ''),
      location: { path, line: loc?.line ?? 1, column: loc?.column ?? 1 },
    };
  }
  let imports;
  try {
    [imports] = parse(code, path);
  } catch (error) {
    const idx = (error as { idx?: number }).idx ?? 0;
    return {
      title: 'SyntaxError',
      message: (error as Error).message,
      location: { path, ...lineColumnAt(code, idx) },
    };
  }
  const specifiers: Transpiled['specifiers'] = [];
  let rewritten = '';
  let copied = 0;
  for (const entry of imports) {
    if (entry.type === 'import-meta') {
      rewritten += code.slice(copied, entry.start) + META_CALL;
      copied = entry.end;
    } else if (entry.specifier !== undefined && !(entry.type === 'static' && entry.typeOnly)) {
      // Dynamic imports report the quoted literal; static ones the bare specifier.
      const quoted = entry.type === 'dynamic';
      specifiers.push({
        start: quoted ? entry.start + 1 : entry.start,
        end: quoted ? entry.end - 1 : entry.end,
        spec: entry.specifier,
        statementStart: entry.importStart,
      });
    }
  }
  rewritten += code.slice(copied);
  // META_CALL has the length of `import.meta`, so specifier offsets are unchanged.
  return { path, code: rewritten + metaFunction(path), specifiers };
}

/** Transpiles and links every runnable file reachable from `entry`. */
export async function compileProgram(
  modules: SandpackModules,
  entry?: string,
): Promise<CompileResult> {
  await init();
  const files = new Set(Object.keys(modules));
  const start = entry ?? findEntry(modules);
  if (!start) {
    return {
      ok: false,
      error: {
        title: 'ModuleNotFoundError',
        message: 'No entry file: add /index.ts or set "main" in /package.json.',
        location: { path: '/index.ts', line: 1, column: 1 },
      },
    };
  }

  const linked = new Map<string, LinkableModule>();
  const sources: Record<string, string> = {};
  const order: LinkableModule[] = [];
  const visiting: string[] = [];

  const visit = (path: string): CompileFailure | undefined => {
    if (linked.has(path)) return undefined;
    const cycleStart = visiting.indexOf(path);
    if (cycleStart !== -1) {
      const cycle = [...visiting.slice(cycleStart), path];
      return {
        title: 'CircularImportError',
        message: `Circular imports cannot run in the sandbox: ${cycle.join(' → ')}. Move the shared code into a module both can import.`,
        location: { path: visiting.at(-1) ?? path, line: 1, column: 1 },
      };
    }
    const source = modules[path]?.code ?? '';
    const result = transpile(path, source);
    if ('title' in result) return result;
    sources[path] = source;
    visiting.push(path);
    const imports: LinkableModule['imports'] = [];
    for (const { start: s, end, spec, statementStart } of result.specifiers) {
      const target = resolveImport(path, spec, files);
      if (!target) {
        const bare = !/^(?:\.{1,2}\/|\/|file:)/.test(spec);
        return {
          title: 'ModuleNotFoundError',
          message: bare
            ? `Cannot import package "${spec}": sandboxes run offline and can only import their own files (e.g. "./lib").`
            : `Cannot find module "${spec}" imported from ${path}. Files in this sandbox: ${[...files].filter((f) => RUNNABLE.test(f)).join(', ')}`,
          location: { path, ...lineColumnAt(result.code, statementStart) },
        };
      }
      const failure = visit(target);
      if (failure) return failure;
      imports.push({ start: s, end, target });
    }
    visiting.pop();
    const module: LinkableModule = { path, code: result.code, imports };
    linked.set(path, module);
    order.push(module);
    return undefined;
  };

  const failure = visit(start);
  if (failure) return { ok: false, error: failure };

  // Worker files are reached through `new URL('./worker.ts', import.meta.url)`,
  // not through imports, so every other runnable file is compiled too.
  for (const path of files) {
    if (!RUNNABLE.test(path) || linked.has(path)) continue;
    const otherFailure = visit(path);
    if (otherFailure) return { ok: false, error: otherFailure };
  }
  return { ok: true, entry: start, program: { modules: order, sources } };
}
