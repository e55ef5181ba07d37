/** Site paths of pages and embeds, under the site's base path. */

/** The base path with exactly one trailing slash, e.g. "/" or "/concurrency/". */
export function normalizeBase(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** A page path relative to the base ("sync-vs-async/") made absolute ("/concurrency/sync-vs-async/"). */
export function pagePath(base: string, page: string): string {
  return `${normalizeBase(base)}${page.replace(/^\/+/, '')}`;
}

/** The page path relative to the base: "/concurrency/sync-vs-async/" -> "sync-vs-async/". */
export function relativePage(base: string, pathname: string): string {
  const root = normalizeBase(base);
  const relative = pathname.startsWith(root) ? pathname.slice(root.length) : pathname;
  return relative.replace(/^\/+/, '');
}

/** The embed page of a sandbox: "<base>embed/<page>/<id>/". */
export function embedPath(base: string, page: string, id: string): string {
  return `${normalizeBase(base)}embed/${relativePage(base, page)}${id}/`;
}

/** The guide section an embed page shows ("<base>embed/<page>/<id>/" -> "<base><page>#<id>"), else undefined. */
export function sectionOfEmbed(base: string, pathname: string): string | undefined {
  const relative = relativePage(base, pathname);
  const match = /^embed\/((?:[^/]+\/)*)([^/]+)\/$/.exec(relative);
  if (!match) return undefined;
  return `${pagePath(base, match[1] ?? '')}#${match[2] ?? ''}`;
}
