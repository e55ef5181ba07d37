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

type Mount = (root: HTMLElement) => void;
let loader: Promise<Mount> | undefined;

function loadEditor(): Promise<Mount> {
  loader ??= import('./mount').then((module) => module.mount);
  return loader;
}

export function activate(root: HTMLElement, runNow: boolean): void {
  // A Run click may arrive while the editor is already loading (the pointer
  // that clicked also counted as interaction); the editor reads this on mount.
  if (runNow) root.dataset.runRequested = 'true';
  if (root.dataset.activated) return;
  root.dataset.activated = 'true';
  root.dataset.state = 'loading';
  void loadEditor().then((mount) => {
    mount(root);
  });
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
      // Counted at pointerdown, not only at click: the same pointerdown starts
      // the near-viewport loading below, and an editor mounted before the
      // pointer comes up would replace this button and swallow the click.
      const press = (): void => {
        activate(root, true);
      };
      button.addEventListener('pointerdown', (event) => {
        if (event.button === 0) press();
      });
      button.addEventListener('click', press);
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
  if (linked) activate(linked, false);
}
