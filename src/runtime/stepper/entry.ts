/**
 * The stepper's worker bootstrap: loaded by the sandbox loader (see
 * sandbox/loader.ts) in place of the sandbox bootstrap, it hands the loader
 * its start function through `START_GLOBAL`. The start function records the
 * program in engine262 and posts the whole trace once: the worker runs no
 * code of the reader's natively, so it needs no further control traffic.
 */
import { isStepConfig, type StepperToHost, type StepTrace } from '../protocol';
import { START_GLOBAL } from '../sandbox/start';
import { recordSteps } from './engine';

export function startStepper(config: unknown, port: MessagePort): void {
  let trace: StepTrace;
  if (isStepConfig(config)) {
    trace = recordSteps(config.program, config.entry);
  } else {
    trace = {
      steps: [],
      jobs: [],
      tasks: [],
      console: [],
      end: {
        kind: 'error',
        message:
          'The stepper received no program to record (a bad configuration). Reload the page.',
      },
      recordMs: 0,
    };
  }
  port.postMessage({ kind: 'steps', trace } satisfies StepperToHost);
}

Object.defineProperty(globalThis, START_GLOBAL, { value: startStepper, configurable: true });
