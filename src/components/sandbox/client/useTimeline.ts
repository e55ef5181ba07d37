/** The live editor's Timeline: loads the view when first opened and keeps it drawing the run on screen. */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TimelineView } from '../../timeline/live/timeline-view';
import type { Machine } from './machine';
import { loadedTimeline, loadTimeline, runRecordOf, TIMELINE_LOAD_FAILED } from './timeline';

type ViewModule = Awaited<ReturnType<typeof loadTimeline>>;

export function useTimeline(
  container: RefObject<HTMLDivElement | null>,
  open: boolean,
  machine: Machine,
  options: { id: string; title: string },
): void {
  const [module, setModule] = useState<ViewModule | undefined>(loadedTimeline);
  const view = useRef<TimelineView | undefined>(undefined);
  const { id, title } = options;

  useEffect(() => {
    if (!open || module) return;
    let current = true;
    loadTimeline().then(
      (loaded) => {
        if (current) setModule(loaded);
      },
      () => {
        if (current && container.current) container.current.textContent = TIMELINE_LOAD_FAILED;
      },
    );
    return () => {
      current = false;
    };
  }, [open, module, container]);

  useEffect(() => {
    const element = container.current;
    if (!module || !element) return;
    const mounted = module.mountTimeline(element, { id, title });
    view.current = mounted;
    return () => {
      mounted.destroy();
      view.current = undefined;
    };
  }, [module, container, id, title]);

  useEffect(() => {
    if (open) view.current?.update(runRecordOf(machine));
  }, [machine, open, module]);
}
