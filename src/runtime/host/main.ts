/**
 * The runtime page: the document Sandpack loads as its bundler. It speaks
 * Sandpack's protocol with the docs page, compiles the files, and runs them
 * in workers of an opaque-origin frame (see frame.ts and session.ts). No
 * sandbox code ever runs in this document, which shares the docs site's origin.
 */
import bootstrapURL from '../sandbox/entry.ts?worker&url';
import stepperURL from '../stepper/stepper-worker.ts?worker&url';
import { isRegisterFrame, TEST_HOOKS_PARAM, type RuntimeEvent } from '../protocol';
import { compileProgram } from './compile';
import { SandboxFrame } from './frame';
import { sharedMemoryNotice } from './isolation';
import { Runtime } from './runtime';

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

// Made when the first context is prepared, after the runtime has answered:
// a child frame would hold back this document's load event, which Sandpack
// waits for before it sends the first compile.
let frame: SandboxFrame | undefined;
const notice = sharedMemoryNotice({
  isolated: crossOriginIsolated,
  embedded: !topIsOurs(),
  parentPath: window.parent.location.pathname,
  base: import.meta.env.BASE_URL,
  origin: location.origin,
});

/** False when the top page is another site's: an embed in a course platform's page. */
function topIsOurs(): boolean {
  try {
    // Reading another origin's location throws.
    return window.top?.location.origin === location.origin;
  } catch {
    return false;
  }
}

const runtime = new Runtime({
  send,
  compile: (modules) => compileProgram(modules),
  bootstrapSource,
  prepare: (source) => (frame ??= new SandboxFrame(document)).prepare(source),
  stepper: {
    // Fetched when a reader first opens the stepper, never before.
    stepperSource: () =>
      fetch(stepperURL).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.text();
      }),
    prepare: (source) => (frame ??= new SandboxFrame(document)).prepare(source, 'stepper'),
  },
  sharedMemoryNotice: notice,
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
