/**
 * The runtime page: the document Sandpack loads as its bundler. It speaks
 * Sandpack's protocol with the docs page, compiles the files, and runs them
 * in an opaque-origin worker (see session.ts). No sandbox code ever runs in
 * this document, which shares the docs site's origin.
 */
import bootstrapURL from '../sandbox/entry.ts?worker&url';
import { isRegisterFrame, TEST_HOOKS_PARAM, type RuntimeEvent } from '../protocol';
import { compileProgram } from './compile';
import { Runtime } from './runtime';
import { prepareContext } from './session';

let channelId: number | undefined;

const bootstrapSource: Promise<string> = fetch(bootstrapURL).then((response) => {
  if (!response.ok) throw new Error(`Runtime bootstrap missing: HTTP ${response.status}`);
  return response.text();
});
// Awaited by each run, which reports a failure; unobserved it is not one.
bootstrapSource.catch(() => undefined);

// The docs page and this page are one origin; nothing is sent anywhere else.
function send(event: RuntimeEvent): void {
  if (event.type !== 'initialized' && channelId === undefined) return;
  window.parent.postMessage({ ...event, codesandbox: true, $id: channelId }, location.origin);
}

/** Until then, as a test asked (`sandbox/test-hang`), the runtime answers nothing. */
let deafUntil = 0;

const runtime = new Runtime({
  send,
  compile: (modules) => compileProgram(modules),
  bootstrapSource,
  prepare: prepareContext,
  testHooks: new URLSearchParams(location.search).has(TEST_HOOKS_PARAM),
  // Deaf rather than busy: this frame shares the docs page's thread (same
  // origin), so a busy loop would freeze the page that is meant to notice.
  hang: (ms) => {
    deafUntil = performance.now() + ms;
  },
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window.parent || event.origin !== location.origin) return;
  if (performance.now() < deafUntil) return;
  const data = event.data;
  if (isRegisterFrame(data)) {
    // Its `origin` field is the sender's claim; `event.origin` was checked above.
    channelId ??= data.id;
    return;
  }
  runtime.receive(data);
});

window.addEventListener('error', (event) => {
  runtime.fail(event.error ?? new Error(event.message));
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  runtime.fail(event.reason);
});

send({ type: 'initialized', url: document.location.href });
