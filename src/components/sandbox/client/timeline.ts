/**
 * What the Timeline needs of a sandbox, for both of its hosts: the
 * server-rendered sandbox before the editor (quick-run.ts) and the live
 * editor (useTimeline.ts). The view itself loads only when a reader opens it.
 */
import type { RunRecord } from '../../timeline/live/model';
import { isBusy, type Machine } from './machine';

type ViewModule = typeof import('../../timeline/live/timeline-view');
let loaded: ViewModule | undefined;

export function loadTimeline(): Promise<ViewModule> {
  return import('../../timeline/live/timeline-view').then((module) => (loaded = module));
}

/** The view's module if it has loaded: the editor taking over an open Timeline draws it at once. */
export function loadedTimeline(): ViewModule | undefined {
  return loaded;
}

export const TIMELINE_LOAD_FAILED =
  'The timeline could not load: the network failed, or the site was just updated. Reload the page to try again.';

/** The run on screen, as the Timeline draws it; `undefined` before the first run. */
export function runRecordOf(machine: Machine | undefined): RunRecord | undefined {
  if (!machine || (machine.shownRun === 0 && !isBusy(machine))) return undefined;
  return {
    events: machine.trace,
    dropped: machine.traceDropped,
    entries: machine.entries,
    running: isBusy(machine),
    elapsed: machine.elapsed,
  };
}
