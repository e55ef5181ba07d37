/**
 * Every sandbox on every page, read at build time from the MDX sources. The
 * sandbox manifest (sandboxes.json) and the embed pages both come from here.
 */
import { getCollection } from 'astro:content';
import { loadDemo, type Demo } from './demos';

export interface PageSandbox {
  /** Page path relative to the site base, e.g. "sync-vs-async/" ("" for the home page). */
  page: string;
  id: string;
  demo: Demo;
  title?: string;
}

const TAG = /<Sandbox\b([^>]*?)\/>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

export async function pageSandboxes(): Promise<PageSandbox[]> {
  const pages = await getCollection('docs');
  const entries: PageSandbox[] = [];
  for (const page of pages.sort((a, b) => a.id.localeCompare(b.id))) {
    const path = page.id === 'index' ? '' : `${page.id}/`;
    for (const [, attributes = ''] of (page.body ?? '').matchAll(TAG)) {
      const props = Object.fromEntries(
        [...attributes.matchAll(ATTRIBUTE)].map(([, k = '', v = '']) => [k, v]),
      );
      const id = props.id;
      const demoName = props.demo;
      if (!id || !demoName) throw new Error(`A <Sandbox> on page /${path} lacks id or demo.`);
      entries.push({
        page: path,
        id,
        demo: loadDemo(demoName, `/${path}`),
        ...(props.title ? { title: props.title } : {}),
      });
    }
  }
  return entries;
}
