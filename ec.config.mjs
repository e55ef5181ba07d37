// @ts-check
/*
 * Expressive Code options that cannot be written into astro.config.mjs,
 * because the <Code> component reads them from here too: plugins.
 */
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { codeRegions } from './src/markdown/code-regions.ts';

export default defineEcConfig({
  // Every code block is a focusable, named region that scrolls sideways.
  plugins: [codeRegions()],
});
