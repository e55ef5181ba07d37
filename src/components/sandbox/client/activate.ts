/**
 * The only sandbox script a page ships up front: it waits until a sandbox is
 * near the viewport (or the reader presses Run, or the URL's #hash names it)
 * and only then loads the live editor for that one sandbox.
 *
 * "Near the viewport" starts counting at the reader's first interaction
 * (scroll, pointer, key, touch): a page opened and merely read costs no editor
 * JavaScript, so it loads and becomes interactive as fast as a page without
 * sandboxes, while anyone who moves through the page gets editors ahead of
 * reaching them.
 */

const NEAR_VIEWPORT = '400px 0px';

/** What the live editor may ask of the page's side of a sandbox. */
export interface MountHost {
  /** The editor is gone: bring the server-rendered code back with `message`; Run mounts it again. */
  fail: (kind: NoticeKind, message: string) => void;
}

type Mount = (root: HTMLElement, host: MountHost) => void;
let loader: Promise<Mount> | undefined;

function loadEditor(): Promise<Mount> {
  loader ??= import('./mount').then((module) => module.mount);
  return loader;
}

/** Survives the reload that retries a failed editor load: the id of the sandbox to run. */
const RUN_AFTER_RELOAD = 'sandbox:run-after-reload';

/**
 * Retries a failed editor load by reloading the page at this sandbox, which
 * then runs once its editor loads. A failed `import()` cannot be retried in
 * the same document: the browser keeps the failure for that URL, and the
 * editor's other chunks import it by that URL. After a redeploy a reload is
 * also the only way to the new chunks. The editor never loaded, so this
 * sandbox has no edits to lose; the others save theirs on `pagehide`.
 */
function reloadToRun(root: HTMLElement): void {
  try {
    sessionStorage.setItem(RUN_AFTER_RELOAD, root.id);
  } catch {
    // Without storage the reload still loads the editor; Run is pressed again.
  }
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash !== root.id && !hash.startsWith(`${root.id}:`)) {
    history.replaceState(history.state, '', `#${encodeURIComponent(root.id)}`);
  }
  location.reload();
}

function takeRunAfterReload(): string | undefined {
  try {
    const id = sessionStorage.getItem(RUN_AFTER_RELOAD) ?? undefined;
    sessionStorage.removeItem(RUN_AFTER_RELOAD);
    return id;
  } catch {
    return undefined;
  }
}

/**
 * Why a sandbox without its editor shows a notice (the value of
 * `data-sandbox-notice` on the notice element): `editor-load` the editor's
 * code could not be fetched, `editor-crash` the live editor failed and was
 * taken down. The live editor writes its own kinds there (machine.ts).
 */
export type NoticeKind = 'editor-load' | 'editor-crash';

export const EDITOR_LOAD_FAILED =
  'The editor could not load: the network failed, or the site was just updated. Press Run to reload the page and try again.';

export const EDITOR_CRASHED = 'The editor stopped working. Press Run to start it again.';

/** Shows the server-rendered code and a notice; the next Run (or link) loads the editor again. */
function fallBack(root: HTMLElement, kind: NoticeKind, message: string): void {
  delete root.dataset.activated;
  delete root.dataset.live;
  delete root.dataset.runtime;
  delete root.dataset.runRequested;
  root.dataset.state = 'error';
  const button = root.querySelector<HTMLButtonElement>('[data-sandbox-activate]');
  if (button) button.hidden = false;
  const notice = root.querySelector<HTMLElement>('[data-sandbox-notice]');
  if (notice) {
    notice.replaceChildren(message);
    notice.dataset.sandboxNotice = kind;
    notice.hidden = false;
  }
}

function noticeKind(root: HTMLElement): string | undefined {
  return root.querySelector<HTMLElement>('[data-sandbox-notice]')?.dataset.sandboxNotice;
}

function clearNotice(root: HTMLElement): void {
  const notice = root.querySelector<HTMLElement>('[data-sandbox-notice]');
  if (!notice) return;
  notice.replaceChildren();
  notice.dataset.sandboxNotice = '';
  notice.hidden = true;
}

export function activate(root: HTMLElement, runNow: boolean): void {
  // A Run click may arrive while the editor is already loading (the pointer
  // that clicked also counted as interaction); the editor reads this on mount.
  if (runNow) root.dataset.runRequested = 'true';
  if (root.dataset.activated) return;
  root.dataset.activated = 'true';
  root.dataset.state = 'loading';
  const host: MountHost = {
    fail: (kind, message) => {
      fallBack(root, kind, message);
    },
  };
  loadEditor().then(
    (mount) => {
      clearNotice(root);
      try {
        mount(root, host);
      } catch {
        fallBack(root, 'editor-crash', EDITOR_CRASHED);
      }
    },
    () => {
      fallBack(root, 'editor-load', EDITOR_LOAD_FAILED);
    },
  );
}

export function activateWhenNear(doc: Document): void {
  const roots = [...doc.querySelectorAll<HTMLElement>('[data-sandbox]')];
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        activate(entry.target as HTMLElement, false);
      }
    },
    { rootMargin: NEAR_VIEWPORT },
  );
  for (const root of roots) {
    const button = root.querySelector<HTMLButtonElement>('[data-sandbox-activate]');
    if (button) {
      button.hidden = false;
      // Counted at pointerdown: the same pointerdown starts the near-viewport
      // loading below, and an editor mounted before the pointer comes up
      // would hide this button and swallow the click. A pointer's click is
      // then the same press (a load failing in between must not count as a
      // second one); keyboard clicks (detail 0) are presses of their own.
      const press = (): void => {
        if (noticeKind(root) === 'editor-load') reloadToRun(root);
        else activate(root, true);
      };
      button.addEventListener('pointerdown', (event) => {
        if (event.button === 0) press();
      });
      button.addEventListener('click', (event) => {
        if (event.detail === 0) press();
      });
    }
  }
  const intents = [
    'scroll',
    'wheel',
    'pointerdown',
    'pointermove',
    'keydown',
    'touchstart',
  ] as const;
  const startObserving = (): void => {
    for (const intent of intents) removeEventListener(intent, startObserving);
    for (const root of roots) observer.observe(root);
  };
  for (const intent of intents) addEventListener(intent, startObserving, { passive: true });
  const target = decodeURIComponent(location.hash.slice(1));
  const linked = roots.find((root) => root.id === target);
  const rerun = takeRunAfterReload();
  const retried = rerun === undefined ? undefined : roots.find((root) => root.id === rerun);
  if (retried) activate(retried, true);
  if (linked) activate(linked, false);
  const arrived = retried ?? linked;
  if (arrived) keepInView(arrived);
}

/**
 * A linked sandbox stays where the link put it while the page settles: it and
 * the sandboxes above it change height as they render and go live, and the
 * browser's scroll anchoring does not always hold it in view. Ends at the
 * reader's first scroll, key, touch or click, or after a few seconds.
 */
export function keepInView(root: HTMLElement, settleMs = 8000): void {
  const readerActs = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const observer = new ResizeObserver(() => {
    root.scrollIntoView({ block: 'start' });
  });
  const stop = (): void => {
    observer.disconnect();
    clearTimeout(timer);
    for (const act of readerActs) removeEventListener(act, stop, { capture: true });
  };
  const timer = setTimeout(stop, settleMs);
  for (const act of readerActs) addEventListener(act, stop, { capture: true, passive: true });
  // The document's height changes whenever anything above the sandbox does.
  observer.observe(document.documentElement);
  observer.observe(root);
}
