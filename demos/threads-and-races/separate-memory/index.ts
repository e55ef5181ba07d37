// A Web Worker is a thread with its own memory. Messages are copied
// (structured clone), so the two threads never share an object.
import type { Doc } from './doc.ts';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

const doc: Doc = { title: 'Quarterly report', tags: ['draft'] };

worker.onmessage = (event: MessageEvent<Doc>) => {
  console.log('the worker sent back:', event.data);
  console.log('my object is unchanged:', doc);
  console.log('same object?', event.data === doc);
  worker.terminate(); // nothing left to do: let the run end
};

worker.postMessage(doc); // sends a copy of `doc`
console.log('sent:', doc);
