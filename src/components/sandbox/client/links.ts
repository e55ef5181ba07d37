/**
 * Links to a sandbox: the deep link (`page/#id`), the embed page and the
 * `<iframe>` snippet for course platforms, and copying text to the clipboard.
 */

/** `<origin><page>#<id>`: opening it scrolls to the sandbox and loads it. */
export function sandboxLink(origin: string, page: string, id: string): string {
  return `${origin}${page}#${id}`;
}

function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The embed snippet's iframe height, in CSS pixels: at least the embed page's
 * own height before a run (a 800 px wide frame), so the sandbox, its toolbar
 * and its output fit without a scrollbar inside the course page.
 * e2e/embed-height.spec.ts measures every embed page against it and prints the
 * tallest: set this from that number when the sandbox's layout changes.
 */
export const EMBED_HEIGHT = 1340;

/**
 * What a course author pastes into a learning platform. The sandbox attribute
 * lists what the embed needs: scripts and same-origin (the editor and its
 * runtime), popups and forms (Open in CodeSandbox / StackBlitz, the guide
 * link), downloads (Download); `allow` lets the copy buttons reach the clipboard.
 */
export function embedSnippet(embedURL: string, title: string): string {
  return [
    `<iframe src="${escapeAttribute(embedURL)}"`,
    `  title="${escapeAttribute(title)}"`,
    `  width="100%" height="${EMBED_HEIGHT}" loading="lazy" style="border: 0"`,
    '  allow="clipboard-write"',
    '  sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms allow-downloads"',
    '></iframe>',
  ].join('\n');
}

/** Copies text; false when the browser refuses (no permission, insecure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('clipboard' in navigator)) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
