/**
 * The manifest of every sandbox on every page, generated at build time from
 * the MDX sources (never maintained by hand). The end-to-end suite runs each
 * entry and checks that the rendered pages contain exactly these sandboxes.
 */
import { getCollection } from 'astro:content';
import { loadDemo } from '../components/sandbox/demos';

export interface ManifestEntry {
  /** Page path relative to the site base, e.g. "sync-vs-async/". */
  page: string;
  id: string;
  demo: string;
  files: string[];
  expected: string;
  /** For programs that run until stopped: stop after this many ms, then compare. */
  stopAfter?: number;
}

const TAG = /<Sandbox\b([^>]*?)\/>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

export async function GET(): Promise<Response> {
  const pages = await getCollection('docs');
  const entries: ManifestEntry[] = [];
  for (const page of pages.sort((a, b) => a.id.localeCompare(b.id))) {
    const path = page.id === 'index' ? '' : `${page.id}/`;
    for (const [, attributes = ''] of (page.body ?? '').matchAll(TAG)) {
      const props = Object.fromEntries(
        [...attributes.matchAll(ATTRIBUTE)].map(([, k = '', v = '']) => [k, v]),
      );
      const id = props.id;
      const demoName = props.demo;
      if (!id || !demoName) throw new Error(`A <Sandbox> on page /${path} lacks id or demo.`);
      const demo = loadDemo(demoName, `/${path}`);
      entries.push({
        page: path,
        id,
        demo: demoName,
        files: demo.files.map((file) => file.path),
        expected: demo.expected,
        ...(demo.stopAfter ? { stopAfter: demo.stopAfter } : {}),
      });
    }
  }
  return new Response(JSON.stringify(entries, null, 2), {
    headers: { 'Content-Type': 'application/json' },
  });
}
