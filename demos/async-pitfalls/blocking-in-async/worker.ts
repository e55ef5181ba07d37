// Runs on a thread of its own: blocking here leaves the main thread free.
import { busyWait } from './busy.ts';

self.onmessage = (event: MessageEvent<number>) => {
  busyWait(event.data);
  self.postMessage('done');
};
