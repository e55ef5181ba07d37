import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DistGraph, chunkName } from './dist-graph.ts';

let dist = '';
const names = (files: Iterable<string>): string[] => [...files].map((f) => basename(f)).sort();

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'dist-graph-'));
  const assets = join(dist, '_astro');
  mkdirSync(assets);
  mkdirSync(join(dist, 'chapter'));
  mkdirSync(join(dist, 'runtime'));
  const write = (name: string, code: string): void => {
    writeFileSync(join(assets, name), code);
  };
  write('page.Ab12Cd34.js', 'import { x } from "./shared.Ef56Gh78.js"; console.log(x);');
  write('shared.Ef56Gh78.js', 'export const x = 1;');
  write('activate.Ij90Kl12.js', 'document.onclick = () => import(`./mount.Mn34Op56.js`);');
  write(
    'mount.Mn34Op56.js',
    'import { x } from "./shared.Ef56Gh78.js"; import "./react.Qr78St90.js"; export default x;',
  );
  write('react.Qr78St90.js', 'export {}; import("./fork.Uv12Wx34.js");');
  write('fork.Uv12Wx34.js', 'export {};');
  write('host.Yz56Ab78.js', 'const worker = `/_astro/entry.Cd90Ef12.js`; new Worker(worker);');
  write('entry.Cd90Ef12.js', 'export {};');
  writeFileSync(
    join(dist, 'chapter', 'index.html'),
    '<script type="module" src="/base/_astro/page.Ab12Cd34.js"></script>' +
      '<script type="module" src="/base/_astro/activate.Ij90Kl12.js"></script>' +
      '<script>var inline = 1;</script><script type="application/ld+json">{"a":1}</script>',
  );
  writeFileSync(join(dist, 'index.html'), '<p>home</p>');
  writeFileSync(
    join(dist, 'runtime', 'index.html'),
    '<script type="module" src="/_astro/host.Yz56Ab78.js"></script>',
  );
});

describe('DistGraph', () => {
  it('lists pages, with "" for the home page', () => {
    expect(new DistGraph(dist).pages()).toEqual(['', 'chapter/', 'runtime/']);
  });

  it("reads a page's external and inline scripts, under any base path, skipping JSON", () => {
    const { external, inline } = new DistGraph(dist).pageScripts('chapter/');
    expect(names(external)).toEqual(['activate.Ij90Kl12.js', 'page.Ab12Cd34.js']);
    expect(inline.trim()).toBe('var inline = 1;');
  });

  it('follows static imports only for what loads with the page', () => {
    const graph = new DistGraph(dist);
    const loaded = graph.staticClosure(graph.pageScripts('chapter/').external);
    expect(names(loaded)).toEqual([
      'activate.Ij90Kl12.js',
      'page.Ab12Cd34.js',
      'shared.Ef56Gh78.js',
    ]);
  });

  it('finds lazy chunks, each with only what it adds to what is loaded', () => {
    const graph = new DistGraph(dist);
    const loaded = graph.staticClosure(graph.pageScripts('chapter/').external);
    const lazy = graph.lazyChunks(loaded);
    expect([...lazy.keys()].sort()).toEqual(['fork', 'mount']);
    expect(names(lazy.get('mount') ?? [])).toEqual(['mount.Mn34Op56.js', 'react.Qr78St90.js']);
    expect(names(lazy.get('fork') ?? [])).toEqual(['fork.Uv12Wx34.js']);
  });

  it('counts worker URLs named as strings in what a runtime frame can load', () => {
    const graph = new DistGraph(dist);
    const all = graph.fullClosure(graph.pageScripts('runtime/').external);
    expect(names(all)).toEqual(['entry.Cd90Ef12.js', 'host.Yz56Ab78.js']);
  });

  it('names a chunk after its module', () => {
    expect(chunkName('/x/_astro/mount.Bshx41jE.js')).toBe('mount');
    expect(chunkName('index-599aeaf7.BuLiwQ8d.js')).toBe('index-599aeaf7');
    expect(chunkName('sdk.m.CUc4PH8i.js')).toBe('sdk.m');
  });
});
