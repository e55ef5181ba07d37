/**
 * Every sandbox on every page, read at build time from the MDX sources. The
 * sandbox manifest (sandboxes.json) and the embed pages both come from here.
 */
import { readFileSync } from 'node:fs';
import { getCollection } from 'astro:content';
import { loadDemo, type Demo } from './demos';
import { readSandboxTags } from './sandbox-tags';

export interface PageSandbox {
  /** Page path relative to the site base, e.g. "sync-vs-async/" ("" for the home page). */
  page: string;
  id: string;
  demo: Demo;
  title?: string;
}

export async function pageSandboxes(): Promise<PageSandbox[]> {
  const pages = await getCollection('docs');
  const entries: PageSandbox[] = [];
  for (const page of pages.sort((a, b) => a.id.localeCompare(b.id))) {
    const path = page.id === 'index' ? '' : `${page.id}/`;
    // The file itself, front matter included, so messages give its true line numbers.
    const source = page.filePath ? readFileSync(page.filePath, 'utf8') : (page.body ?? '');
    for (const { id, demo, title } of readSandboxTags(source, `/${path}`)) {
      entries.push({
        page: path,
        id,
        demo: loadDemo(demo, `/${path}`),
        ...(title ? { title } : {}),
      });
    }
  }
  return entries;
}
