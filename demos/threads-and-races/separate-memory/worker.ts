// Runs on its own thread, with its own memory. It receives a copy of the
// message, changes that copy, and posts the result back (as another copy).
import type { Doc } from './doc.ts';

self.onmessage = (event: MessageEvent<Doc>) => {
  const doc = event.data;
  doc.title = 'Changed by the worker';
  doc.tags.push('edited');
  self.postMessage(doc);
};
