/**
 * Writes the social preview image, `public/og-image.png` (1200×630), from
 * `scripts/og-image.svg`, drawn by the browser the e2e suite uses, with
 * JetBrains Mono from node_modules (the packaged browser has no fonts of its
 * own to speak of). Run it after editing the SVG: `npx node scripts/og-image.ts`.
 * The page tags that point at it are in `src/build/site.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launchOptions, resolveChromium } from '../e2e/support/chromium.ts';
import { SOCIAL_IMAGE } from '../src/build/site.ts';

const SVG = new URL('./og-image.svg', import.meta.url);
const PNG = new URL(`../public/${SOCIAL_IMAGE.path}`, import.meta.url);
const FONTS = new URL('../node_modules/jetbrains-mono/fonts/webfonts/', import.meta.url);

async function fontFace(file: string, weight: number): Promise<string> {
  const data = (await readFile(new URL(file, FONTS))).toString('base64');
  return `@font-face { font-family: 'JetBrains Mono'; font-weight: ${weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); }`;
}

async function main(): Promise<void> {
  const svg = await readFile(SVG, 'utf8');
  const faces = await Promise.all([
    fontFace('JetBrainsMono-Regular.woff2', 400),
    fontFace('JetBrainsMono-Medium.woff2', 500),
    fontFace('JetBrainsMono-ExtraBold.woff2', 800),
  ]);
  const html = `<!doctype html><html><head><style>${faces.join('\n')}
html, body { margin: 0; background: #000; } svg { display: block; }</style></head><body>${svg}</body></html>`;

  const browser = await chromium.launch(launchOptions(await resolveChromium()));
  try {
    const page = await browser.newPage({
      viewport: { width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height },
      deviceScaleFactor: 1,
    });
    await page.setContent(html);
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const missing = await page.evaluate(() =>
      ['400', '500', '800'].filter((w) => !document.fonts.check(`${w} 20px "JetBrains Mono"`)),
    );
    if (missing.length > 0)
      throw new Error(`JetBrains Mono did not load (weights ${missing.join(', ')})`);
    const png = await page.screenshot({
      clip: { x: 0, y: 0, width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height },
    });
    await writeFile(PNG, png);
    console.log(`${fileURLToPath(PNG)}: ${(png.length / 1024).toFixed(0)} KB`);
  } finally {
    await browser.close();
  }
}

await main();
