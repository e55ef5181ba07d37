/**
 * The headers that make a page cross-origin isolated (so `SharedArrayBuffer`
 * exists in it), in one place: the dev and preview servers send them
 * (astro.config.mjs), Netlify and Cloudflare Pages read them from
 * `public/_headers` (a unit test keeps that file equal to this list), and the
 * service worker adds them on hosts that cannot send headers (GitHub Pages).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // An isolated course page may embed our embed pages only if they opt in.
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/**
 * The same response with the isolation headers set, everything else kept.
 *
 * Left as they are: responses that are not the site's own (`cors`, `opaque`),
 * redirect and error responses (status 0, which no `Response` can be built
 * with), and responses that followed a redirect, because a rebuilt response
 * loses its final URL and a script would then resolve its imports against
 * the URL it was requested by.
 */
export function withIsolation(response: Response): Response {
  const own = response.type === 'basic' || response.type === 'default';
  if (!own || response.status === 0 || response.redirected) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
