/** What the page's update notice sends the waiting service worker when the reader chooses Reload. */
export const SKIP_WAITING = 'sw:skip-waiting';
