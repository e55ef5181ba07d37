/**
 * What a built page makes the browser download, read from `dist/`: the
 * scripts a page loads before anyone touches it, the lazy chunks it can load
 * later, and what a runtime frame needs for its first run. `.size-limit.ts`
 * turns these file lists into budgets.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { init, parse } from 'es-module-lexer';

await init();

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const SRC = /\bsrc="([^"]+)"/;
const MODULEPRELOAD = /<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g;
/** Chunk names as the build writes them inside other chunks: "/_astro/x.js", "./x.js". */
const CHUNK_REFERENCE = /["'`](?:\/[^"'`\s]*\/_astro\/|\/_astro\/|\.\/)([\w.-]+\.js)["'`]/g;

export class DistGraph {
  readonly dist: string;
  readonly assets: string;

  constructor(dist: string) {
    this.dist = dist;
    // The base path is in the HTML, not on disk: chunks always sit in dist/_astro.
    this.assets = join(dist, '_astro');
    if (!existsSync(this.assets)) throw new Error(`${dist} has no _astro folder: build first`);
  }

  /** A file under dist/_astro for a URL or relative reference seen in HTML or JS. */
  private chunk(reference: string): string | undefined {
    const file = join(this.assets, basename(reference.split(/[?#]/)[0] ?? ''));
    return existsSync(file) ? file : undefined;
  }

  /** A module's imports: static ones load with it, dynamic ones later (string specifiers only). */
  imports(file: string): { static: string[]; dynamic: string[] } {
    const [imports] = parse(readFileSync(file, 'utf8'));
    const resolve = (specifiers: (string | null | undefined)[]): string[] =>
      specifiers.flatMap((specifier) => {
        const target = specifier ? this.chunk(specifier) : undefined;
        return target ? [target] : [];
      });
    return {
      static: resolve(imports.filter((i) => i.type === 'static').map((i) => i.specifier)),
      dynamic: resolve(imports.filter((i) => i.type === 'dynamic').map((i) => i.specifier)),
    };
  }

  /** Every chunk a module names, loaded now or later: imports, worker URLs, preload lists. */
  referencedChunks(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const found = new Set<string>();
    for (const [, name = ''] of text.matchAll(CHUNK_REFERENCE)) {
      const target = this.chunk(name);
      if (target && target !== file) found.add(target);
    }
    return [...found];
  }

  /** A module and everything it imports statically. */
  staticClosure(entries: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of this.imports(file).static) visit(next);
    };
    for (const entry of entries) visit(entry);
    return seen;
  }

  /** A module and everything it can ever load. */
  fullClosure(entries: readonly string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of [...this.imports(file).static, ...this.referencedChunks(file)]) {
        visit(next);
      }
    };
    for (const entry of entries) visit(entry);
    return seen;
  }

  /**
   * Chunks loaded later by dynamic import, each with what it downloads beyond
   * what is already loaded, keyed by the module it was built from.
   */
  lazyChunks(loaded: ReadonlySet<string>): Map<string, string[]> {
    const lazy = new Map<string, string[]>();
    const visit = (file: string, have: ReadonlySet<string>): void => {
      for (const entry of this.imports(file).dynamic) {
        if (have.has(entry) || lazy.has(chunkName(entry))) continue;
        const closure = this.staticClosure([entry]);
        lazy.set(
          chunkName(entry),
          [...closure].filter((f) => !have.has(f)),
        );
        const now = new Set([...have, ...closure]);
        for (const next of closure) visit(next, now);
      }
    };
    for (const file of loaded) visit(file, loaded);
    return lazy;
  }

  /** The page's HTML file for a path such as "sync-vs-async/" ("" for the home page). */
  html(page: string): string {
    const file = join(this.dist, page, 'index.html');
    if (!existsSync(file)) throw new Error(`${relative(process.cwd(), file)} is not in the build`);
    return file;
  }

  /** External scripts (and modulepreloads) a page's HTML starts, and its inline scripts' text. */
  pageScripts(page: string): { external: string[]; inline: string } {
    const html = readFileSync(this.html(page), 'utf8');
    const external = new Set<string>();
    const inline: string[] = [];
    for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT_TAG)) {
      if (/type="application\/(?:ld\+)?json"/.test(attributes)) continue;
      const src = SRC.exec(attributes)?.[1];
      if (src) {
        const file = this.chunk(src);
        if (file) external.add(file);
      } else if (body.trim()) {
        inline.push(body);
      }
    }
    for (const [, href = ''] of html.matchAll(MODULEPRELOAD)) {
      const file = this.chunk(href);
      if (file) external.add(file);
    }
    return { external: [...external], inline: inline.join('\n') };
  }

  /** Every page of the build, as a path relative to dist ("" for the home page). */
  pages(): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== '_astro' && entry.name !== 'pagefind') {
          walk(join(dir, entry.name));
        } else if (entry.name === 'index.html') {
          const page = relative(this.dist, dirname(join(dir, entry.name)));
          found.push(page ? `${page}/` : '');
        }
      }
    };
    walk(this.dist);
    return found.sort();
  }
}

/** The name a chunk was built from: "mount.Bshx41jE.js" → "mount". */
export function chunkName(file: string): string {
  return basename(file)
    .replace(/\.[\w-]{6,}\.js$/, '')
    .replace(/\.js$/, '');
}

/**
 * Inline scripts have no file of their own; size-limit measures files, so
 * they are written out, one file per page, under a cache folder.
 */
export function inlineScriptFile(cache: string, page: string, code: string): string {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${page.replaceAll('/', '_') || 'home'}.inline.js`);
  writeFileSync(file, code);
  return file;
}
