/**
 * The stepper's worker bootstrap: loaded by the sandbox loader (see
 * sandbox/loader.ts) in place of the sandbox bootstrap, it hands the loader
 * its start function through `START_GLOBAL`. The start function records the
 * program in engine262 and posts the whole trace once: the worker runs no
 * code of the reader's natively, so it needs no further control traffic.
 */
import { isStepConfig, type SandboxProgram, type StepperToHost, type StepTrace } from '../protocol';
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

/**
 * A rehearsal while the worker waits as the runtime's spare: engine262's own
 * code gets compiled by the browser's JIT on a small program that touches
 * what readers' programs do (modules, promises, await, timers), so the
 * reader's recording runs on warm code. A timer, not now: a worker started
 * for a request at once gets its `boot` first, and the rehearsal never
 * delays it.
 */
const REHEARSAL: SandboxProgram = {
  modules: [
    {
      path: '/rehearsal.js',
      code: [
        'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
        'async function wait(ms) { await sleep(ms); return ms; }',
        'const all = await Promise.all([wait(1), wait(2)]);',
        'queueMicrotask(() => console.log(all.join(" ")));',
        'Promise.resolve().then(() => [1, 2].map((n) => n * 2));',
      ].join('\n'),
      imports: [],
    },
  ],
  sources: {},
};

setTimeout(() => {
  recordSteps(REHEARSAL, '/rehearsal.js');
}, 0);
