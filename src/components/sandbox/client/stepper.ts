/** The stepper's view loads only when a reader opens it (its own chunk and size budget). */
type ViewModule = typeof import('../../stepper/stepper-view');
let loaded: ViewModule | undefined;

export function loadStepper(): Promise<ViewModule> {
  return import('../../stepper/stepper-view').then((module) => (loaded = module));
}

export function loadedStepper(): ViewModule | undefined {
  return loaded;
}

export const STEPPER_LOAD_FAILED =
  'The stepper could not load: the network failed, or the site was just updated. Reload the page to try again.';
