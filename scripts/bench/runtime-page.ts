/**
 * The runtime page driven directly, as a sandbox's editor drives it: the
 * parts that measure the runtime itself (trace, stepper) use it without the
 * editor in between.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SandpackModules } from '../../src/runtime/protocol.ts';

/** Beside a demo's code, not part of the program (build/demos.ts leaves it out the same way). */
const NODE_COUNTERPART = 'counterpart.node.ts';

/** A demo's code files as the editor sends them. */
export function modulesOf(demo: string): SandpackModules {
  const dir = join('demos', demo);
  const modules: SandpackModules = {};
  const code = readdirSync(dir).filter((file) => file.endsWith('.ts') && file !== NODE_COUNTERPART);
  for (const name of code) {
    modules[`/${name}`] = { path: `/${name}`, code: readFileSync(join(dir, name), 'utf8') };
  }
  return modules;
}

/**
 * Opens the runtime page in a frame of a site page and registers as its
 * client; the page's globals `benchFrame` and `benchChannel` then address it.
 */
export async function openRuntime(page: Page, channel: number): Promise<void> {
  await page.goto('/');
  await page.evaluate(
    (channel) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
        frame.src = '/runtime/';
        addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
          if (event.source !== frame.contentWindow || event.data.type !== 'initialized') return;
          frame.contentWindow?.postMessage(
            { type: 'register-frame', origin: location.origin, id: channel },
            location.origin,
          );
          resolve();
        });
        document.body.append(frame);
        Object.assign(globalThis, { benchFrame: frame, benchChannel: channel });
      }),
    channel,
  );
}
