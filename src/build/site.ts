/**
 * Build settings that depend on where the site is deployed, and the names of
 * the files the build writes. Read by `astro.config.mjs`.
 */
import type { AstroIntegration } from 'astro';

/**
 * The deploy origin from the `SITE` environment variable, e.g.
 * `https://<owner>.github.io`, or undefined when it is unset. Without it the
 * build writes no absolute URLs at all (canonical links, `og:url`, `og:image`,
 * the sitemap): a guessed origin such as `http://localhost:4321` would be
 * wrong on every host.
 */
export function siteFromEnv(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE must be an absolute URL such as https://example.org, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE must be an http(s) URL, not "${value}"`);
  }
  return url.href;
}

/** Says at build time, once, that this build has no absolute URLs. */
export function siteWarning(site: string | undefined): AstroIntegration {
  return {
    name: 'concurrency:site',
    hooks: {
      'astro:build:start': ({ logger }) => {
        if (site) return;
        logger.warn(
          'SITE is not set: this build has no canonical links, no og:url or og:image and no ' +
            'sitemap. Set SITE to the deployed origin (e.g. SITE=https://example.org) for a build ' +
            'you publish.',
        );
      },
    },
  };
}

/** The social preview image (`public/og-image.png`, made by `scripts/og-image.ts`). */
export const SOCIAL_IMAGE = {
  path: 'og-image.png',
  width: 1200,
  height: 630,
  alt: 'Concurrency, by running it: three timelines of the same four tasks, run sequentially, concurrently on one thread, and in parallel on four cores.',
} as const;

interface HeadTag {
  tag: 'meta';
  attrs: Record<string, string>;
}

/**
 * Open Graph image tags for every page. Only with a SITE: `og:image` must be
 * an absolute URL, and a relative one is ignored or misread by link previews.
 * (Starlight already sets `twitter:card` to `summary_large_image`.)
 */
export function socialImageHead(site: string | undefined, base: string): HeadTag[] {
  if (!site) return [];
  const root = base.endsWith('/') ? base : `${base}/`;
  const image = new URL(`${root}${SOCIAL_IMAGE.path}`, site).href;
  const meta = (property: string, content: string): HeadTag => ({
    tag: 'meta',
    attrs: { property, content },
  });
  return [
    meta('og:image', image),
    meta('og:image:type', 'image/png'),
    meta('og:image:width', String(SOCIAL_IMAGE.width)),
    meta('og:image:height', String(SOCIAL_IMAGE.height)),
    meta('og:image:alt', SOCIAL_IMAGE.alt),
    { tag: 'meta', attrs: { name: 'twitter:image:alt', content: SOCIAL_IMAGE.alt } },
  ];
}

/**
 * A chunk or asset name safe on every static host: letters, digits, `.`, `-`
 * and `_`, never `..`, starting with a letter or digit. Vite names a chunk
 * after its module, so the script of `src/pages/embed/[...path].astro` was
 * `_...path_.astro_…js`, which hosts that refuse `..` in a path answer with 404.
 */
export function safeFileName(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  return safe || 'chunk';
}

/** Astro's marker between a page's name and the rest of an asset's name. */
const PAGE_SUFFIX = '@_@';

interface OutputOptions {
  entryFileNames: (chunk: { name: string }) => string;
  chunkFileNames: (chunk: { name: string }) => string;
  assetFileNames: (asset: { names?: readonly string[] }) => string;
}

/**
 * Rolldown output names for the client build (Astro's own, with the names
 * made safe). Set through `vite.environments.client`: Astro lays its naming
 * functions over a top-level `build.rolldownOptions.output`.
 */
export function safeClientOutput(assets = '_astro'): OutputOptions {
  const script = ({ name }: { name: string }): string =>
    `${assets}/${safeFileName(name)}.[hash].js`;
  return {
    entryFileNames: script,
    chunkFileNames: script,
    assetFileNames: ({ names }) => {
      const file = (names?.[0] ?? '').split(PAGE_SUFFIX)[0] ?? '';
      const dot = file.lastIndexOf('.');
      const stem = dot > 0 ? file.slice(0, dot) : file;
      return `${assets}/${safeFileName(stem)}.[hash][extname]`;
    },
  };
}
