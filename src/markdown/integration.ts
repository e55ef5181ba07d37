/**
 * The site's Markdown plugins (`tables.ts`, `code-regions.ts`), added to
 * Astro's Markdown engine once every integration has set up: so they run
 * after Starlight's (heading anchors) and Expressive Code's (code blocks).
 */
import type { AstroIntegration } from 'astro';
import { codeRegionNamesPlugin } from './code-regions.ts';
import type { HastPlugin } from './hast.ts';
import { tablesPlugin } from './tables.ts';

interface Processor {
  name: string;
  options: { hastPlugins?: (HastPlugin | (() => HastPlugin))[] };
}

export default function markdown(): AstroIntegration {
  return {
    name: 'concurrency:markdown',
    hooks: {
      'astro:config:done': ({ config, logger }) => {
        const processor = (config.markdown as { processor?: Processor }).processor;
        if (processor?.name !== 'satteri' || !processor.options.hastPlugins) {
          logger.warn(
            `Markdown processor "${processor?.name ?? 'none'}": tables and code regions are left as they are.`,
          );
          return;
        }
        // A factory: each page gets a fresh plugin, which numbers its own code regions.
        processor.options.hastPlugins.push(tablesPlugin, () => codeRegionNamesPlugin());
      },
    },
  };
}
