/**
 * The live editor's stepper: loads the view when first opened, asks the
 * runtime to record the code on screen each time it opens (or on Restart),
 * and shows the newest recording. Older answers are dropped.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { StepLocation, StepTrace } from '../../../runtime/protocol';
import type { StepperView } from '../../stepper/stepper-view';
import { loadedStepper, loadStepper, STEPPER_LOAD_FAILED } from './stepper';

type ViewModule = Awaited<ReturnType<typeof loadStepper>>;

export interface StepperHooks {
  id: string;
  title: string;
  /** The runtime page has answered: a request sent now reaches it. */
  ready: boolean;
  /** Sends `sandbox/step` for the current files with this request id. */
  record: (requestId: number) => void;
  /** Shows a step's place in the editor; undefined clears it. */
  locate: (location: StepLocation | undefined) => void;
}

export function useStepper(
  container: RefObject<HTMLDivElement | null>,
  open: boolean,
  hooks: StepperHooks,
): (requestId: number, trace: StepTrace) => void {
  const [module, setModule] = useState<ViewModule | undefined>(loadedStepper);
  const [view, setView] = useState<StepperView | undefined>();
  const latest = useRef(0);
  /** The request this opening made; a new opening records again (the code may have changed). */
  const [pending, setPending] = useState(false);
  const current = useRef(hooks);
  useLayoutEffect(() => {
    current.current = hooks;
  });
  const { id, title, ready } = hooks;

  useEffect(() => {
    if (!open || module) return;
    let live = true;
    loadStepper().then(
      (loaded) => {
        if (live) setModule(loaded);
      },
      () => {
        if (live && container.current) container.current.textContent = STEPPER_LOAD_FAILED;
      },
    );
    return () => {
      live = false;
    };
  }, [open, module, container]);

  const request = useCallback((mounted: StepperView) => {
    const requestId = ++latest.current;
    mounted.loading();
    current.current.record(requestId);
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!module || !element) return;
    const mounted: StepperView = module.mountStepper(element, {
      id,
      title,
      locate: (location) => {
        current.current.locate(location);
      },
      restart: () => {
        request(mounted);
      },
    });
    setView(mounted);
    return () => {
      mounted.destroy();
      setView(undefined);
    };
  }, [module, container, id, title, request]);

  useEffect(() => {
    if (open) setPending(true);
    else {
      // A newer request's answer only: closing drops the one in flight.
      latest.current++;
      current.current.locate(undefined);
    }
  }, [open]);

  useEffect(() => {
    if (!pending || !view) return;
    if (!ready) {
      view.loading();
      return;
    }
    setPending(false);
    request(view);
  }, [pending, view, ready, request]);

  return useCallback(
    (requestId: number, trace: StepTrace) => {
      if (requestId === latest.current) view?.show(trace);
    },
    [view],
  );
}
