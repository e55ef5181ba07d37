/**
 * Writes the site's code font: JetBrains Mono Regular cut down to the
 * characters code and program output use (`CODE_FONT_RANGES`), so that every
 * reader, and the packaged test browser (which has no monospace font at all),
 * sees code and output in the same monospace face. Run it after changing the
 * ranges: `npx node scripts/code-font.ts`. The published subsets of the font
 * leave out box drawing, arrows and maths symbols, which `console.table` and
 * the demos print, hence a subset of our own.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

/** Inclusive code point ranges kept in the font. */
export const CODE_FONT_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0xff], // Latin-1: ± × ° é …
  [0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
  [0x2070, 0x209f], // superscripts and subscripts
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // maths: ≈ ≤ ≥ ∞
  [0x2308, 0x230b], // ⌈ ⌉ ⌊ ⌋
  [0x2500, 0x257f], // box drawing (console.table)
  [0x2580, 0x259f], // block elements (text bar charts)
];

export const CODE_FONT_FILE = fileURLToPath(
  new URL('../src/styles/code-font.woff2', import.meta.url),
);

export function inCodeFont(char: string): boolean {
  const point = char.codePointAt(0) ?? 0;
  return CODE_FONT_RANGES.some(([from, to]) => point >= from && point <= to);
}

async function main(): Promise<void> {
  const source = await readFile(
    fileURLToPath(
      new URL(
        '../node_modules/jetbrains-mono/fonts/webfonts/JetBrainsMono-Regular.woff2',
        import.meta.url,
      ),
    ),
  );
  let text = '';
  for (const [from, to] of CODE_FONT_RANGES) {
    for (let point = from; point <= to; point++) text += String.fromCodePoint(point);
  }
  // Ligatures and contextual alternates are dropped: code shows `=>` as typed.
  // (`keepFeatures` is subset-font's; its published types lag behind.)
  const options: Parameters<typeof subsetFont>[2] & { keepFeatures: string[] } = {
    targetFormat: 'woff2',
    keepFeatures: [],
  };
  const subset = await subsetFont(source, text, options);
  await writeFile(CODE_FONT_FILE, subset);
  console.log(`${CODE_FONT_FILE}: ${subset.length} bytes`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
