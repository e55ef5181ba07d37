/**
 * Registers the service worker (`sw.ts`) from every top-level page of a
 * production build.
 *
 * - Isolation: on a host without headers (GitHub Pages) a page becomes
 *   cross-origin isolated only when the worker serves it, so once a worker is
 *   ready and the page is not isolated, the page reloads, at most once per
 *   tab session (counted in sessionStorage; without it, never), so a browser
 *   that does not isolate even then never loops. `location.reload()` keeps
 *   the URL's fragment, so a share link survives it.
 * - Updates: a new deploy's worker waits; the notice lets the reader choose
 *   when it takes over, and every page it then controls reloads, because the
 *   lazy chunks of the old build leave the precache with the old worker.
 *
 * Never in a frame: an embed inside a course platform's page is not ours to
 * reload, and the runtime page is a frame of the guide's own pages.
 */
import { SKIP_WAITING } from './protocol';
import './update-notice.css';

const RELOADED = 'sw:isolation-reload';

function reloadOnce(): void {
  try {
    if (sessionStorage.getItem(RELOADED)) return;
    sessionStorage.setItem(RELOADED, '1');
  } catch {
    return;
  }
  location.reload();
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function offerUpdate(worker: ServiceWorker): void {
  if (document.querySelector('.sw-update')) return;
  const notice = document.createElement('div');
  notice.className = 'sw-update';
  notice.setAttribute('role', 'status');
  document.body.append(notice);
  const text = document.createElement('p');
  text.textContent = 'A new version of this guide is available.';
  const reload = button('Reload', () => {
    reload.disabled = true;
    worker.postMessage(SKIP_WAITING);
  });
  // Filled once the status region exists, so screen readers announce the text as a change.
  setTimeout(() => {
    notice.append(
      text,
      reload,
      button('Later', () => {
        notice.remove();
      }),
    );
  }, 100);
}

if (import.meta.env.PROD && 'serviceWorker' in navigator && window.top === window) {
  const container = navigator.serviceWorker;
  // With `trailingSlash: 'always'` Astro gives BASE_URL its trailing slash.
  const base = import.meta.env.BASE_URL;
  let controlled = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    // The first worker taking over an uncontrolled page changes nothing it loaded.
    if (controlled) location.reload();
    controlled = true;
  });
  // Ready: installed, precached and activating.
  void container.ready.then(() => {
    if (!crossOriginIsolated) reloadOnce();
  });
  void container
    .register(`${base}sw.js`, { scope: base })
    .then((registration) => {
      const offer = (): void => {
        if (registration.waiting && container.controller) offerUpdate(registration.waiting);
      };
      offer();
      registration.addEventListener('updatefound', () => {
        registration.installing?.addEventListener('statechange', offer);
      });
    })
    // Private windows and some browsers refuse service workers: the guide works without.
    .catch(() => undefined);
}
