/**
 * The only sandbox script a page ships up front: it waits until a sandbox is
 * near the viewport (or the reader presses Run, or the URL's #hash names it)
 * and only then loads the live editor for that one sandbox. Until then it
 * runs the server-rendered sandbox's few controls: Run starts the program at
 * once on the runtime (quick-run.ts, without waiting for the editor), tabs
 * switch, "Show all" shows all, Timeline opens (its code loads then).
 *
 * "Near the viewport" starts counting at the reader's first interaction
 * (scroll, pointer, key, touch): a page opened and merely read costs no editor
 * JavaScript, so it loads and becomes interactive as fast as a page without
 * sandboxes, while anyone who moves through the page gets editors ahead of
 * reaching them.
 */

import { markSolved } from './solved';

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

/**
 * Editors wait while a Run pressed before them starts its program: the
 * runtime frame shares this page's thread, and loading and mounting editors
 * (the pressed one, and those the same press brought near) would hold the
 * program's first output back by most of a second on a slow phone.
 */
let quiet: Promise<unknown> = Promise.resolve();
const QUIET_AT_MOST = 1_500;

/** Resolves once no quick run is starting, however many started meanwhile. */
function afterQuiet(): Promise<void> {
  const current = quiet;
  return current.then(() => (quiet === current ? undefined : afterQuiet()));
}

function holdEditorsUntilStarted(root: HTMLElement): void {
  quiet = Promise.all([
    quiet,
    new Promise<void>((resolve) => {
      root.addEventListener(
        'sandbox:quick-started',
        () => {
          resolve();
        },
        { once: true },
      );
      setTimeout(resolve, QUIET_AT_MOST);
    }),
  ]);
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
  // A run started before the editor (quick-run.ts) goes on and keeps its own state.
  if (!root.dataset.quickRun) root.dataset.state = 'error';
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
  // Held at both ends: an editor already loading when Run was pressed mounts after the run started.
  afterQuiet()
    .then(loadEditor)
    .then((mount) => afterQuiet().then(() => mount))
    .then(
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

const loadQuickRun = () => import('./quick-run');

/** A press on the server-rendered Run: the program runs now, the editor follows. */
function pressRun(root: HTMLElement): void {
  if (noticeKind(root) === 'editor-load') {
    reloadToRun(root);
    return;
  }
  clearNotice(root);
  holdEditorsUntilStarted(root);
  void loadQuickRun().then(
    ({ startQuickRun }) => {
      startQuickRun(root);
    },
    () => {
      fallBack(root, 'editor-load', EDITOR_LOAD_FAILED);
    },
  );
  activate(root, false);
}

/** The ARIA tabs of the server render (files, output panels), until the editor takes over. */
function selectTab(tab: HTMLElement): void {
  const list = tab.closest('[role="tablist"]');
  for (const other of list?.querySelectorAll<HTMLElement>('[role="tab"]') ?? []) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
  }
}

/** Clicks on the server-rendered sandbox (the live editor's own controls replace these). */
function onStaticClick(root: HTMLElement, event: Event): void {
  if (root.dataset.live) return;
  const target = event.target instanceof Element ? event.target : null;
  const control = target?.closest<HTMLElement>('button');
  if (!control || !root.contains(control)) return;
  if (control.matches('[role="tab"]')) selectTab(control);
  else if (control.matches('[data-sandbox-expand]')) {
    const editor = root.querySelector<HTMLElement>('[data-sandbox-editor]');
    const expand = control.getAttribute('aria-expanded') !== 'true';
    control.setAttribute('aria-expanded', String(expand));
    control.textContent = expand
      ? 'Show fewer lines'
      : `Show all ${control.textContent.replace(/\D/g, '')} lines`;
    editor?.toggleAttribute('data-clipped', !expand);
  } else if (control.matches('[data-sandbox-timeline]')) {
    void loadQuickRun().then((quick) => {
      quick.toggleTimeline(root);
    });
  } else if (control.matches('[data-sandbox-stepper]')) {
    // The stepper needs the live editor: it opens as the editor mounts.
    control.setAttribute('aria-expanded', String(control.getAttribute('aria-expanded') !== 'true'));
    activate(root, false);
  } else if (control.matches('[data-sandbox-share]')) {
    root.dataset.shareRequested = 'true';
    activate(root, false);
  } else if (control.matches('[data-sandbox-use-solution]')) {
    root.dataset.solutionRequested = 'true';
    activate(root, false);
  }
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
  for (const root of roots) listenStatic(root);
  markSolved(doc);
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
    // Small, and what a first press on Run needs at once.
    void loadQuickRun();
    for (const root of roots) observer.observe(root);
  };
  for (const intent of intents) addEventListener(intent, startObserving, { passive: true });
  const target = decodeURIComponent(location.hash.slice(1));
  const linked = roots.find((root) => root.id === target);
  const rerun = takeRunAfterReload();
  const retried = rerun === undefined ? undefined : roots.find((root) => root.id === rerun);
  if (retried) pressRun(retried);
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

/**
 * The server-rendered controls of one sandbox. Run is counted at pointerdown:
 * the same press also starts loading the editor, and an editor mounted before
 * the pointer comes up would swallow the click. A pointer's click is then the
 * same press; keyboard clicks (detail 0) are presses of their own.
 */
export function listenStatic(root: HTMLElement): void {
  const isRun = (event: Event): boolean =>
    !root.dataset.live &&
    event.target instanceof Element &&
    event.target.closest('[data-sandbox-run]') !== null;
  root.addEventListener('pointerdown', (event) => {
    if (event.button === 0 && isRun(event)) pressRun(root);
  });
  // A pointer on its way to Run: the runtime frame starts loading.
  root.addEventListener('pointerover', (event) => {
    if (isRun(event)) {
      void loadQuickRun().then(({ warmQuickRun }) => {
        warmQuickRun(root);
      });
    }
  });
  root.addEventListener('submit', (event) => {
    if (root.dataset.live || !(event.target instanceof HTMLFormElement)) return;
    event.preventDefault();
    const form = event.target;
    void import('./puzzle-static').then(({ checkStaticGuess }) => {
      checkStaticGuess(root, form);
    });
  });
  root.addEventListener('click', (event) => {
    if (isRun(event)) {
      if (event.detail === 0) pressRun(root);
      return;
    }
    onStaticClick(root, event);
  });
}
