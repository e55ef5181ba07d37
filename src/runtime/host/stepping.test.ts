import { afterEach, describe, expect, it, vi } from 'vitest';
import { isStepTrace, type RuntimeEvent, type SandpackModules, type StepTrace } from '../protocol';
import type { CompileResult } from './compile';
import { fakeContext } from './fakes';
import { endedTrace, Stepping, type StepperBoot, type SteppingDeps } from './stepping';

const modules: SandpackModules = { '/index.ts': { code: 'console.log(1)', path: '/index.ts' } };
const program = { modules: [], sources: {} };
const ok: CompileResult = { ok: true, entry: '/index.ts', program };

const recorded: StepTrace = {
  ...endedTrace({ kind: 'error', message: 'placeholder' }),
  end: { kind: 'done' },
  recordMs: 3,
};

function stepping(overrides: Partial<SteppingDeps> = {}) {
  const events: RuntimeEvent[] = [];
  const contexts: ReturnType<typeof fakeContext<StepperBoot>>[] = [];
  const stepperSource = vi.fn(() => Promise.resolve('stepper bundle'));
  const deps: SteppingDeps = {
    send: (event) => events.push(event),
    compile: () => Promise.resolve(ok),
    stepperSource,
    prepare: () => {
      const context = fakeContext<StepperBoot>();
      contexts.push(context);
      return context;
    },
    ...overrides,
  };
  return { host: new Stepping(deps), events, contexts, stepperSource };
}

const answers = (events: RuntimeEvent[]) =>
  events.flatMap((event) => (event.type === 'sandbox/steps' ? [event] : []));

afterEach(() => {
  vi.useRealTimers();
});

describe('Stepping', () => {
  it('boots a stepper worker with the compiled program and passes its recording on', async () => {
    const { host, events, contexts } = stepping();
    await host.step(7, modules);
    const [context] = contexts;
    expect(context?.port.sent).toEqual([
      {
        kind: 'boot',
        config: { contextId: 'stepper', label: 'stepper', program, entry: '/index.ts' },
      },
    ]);
    context?.port.deliver({ kind: 'steps', trace: recorded });
    expect(answers(events)).toEqual([{ type: 'sandbox/steps', id: 7, trace: recorded }]);
    expect(context?.worker.terminated).toBe(true);
    // The next recording gets a worker that is already loading the engine.
    expect(contexts).toHaveLength(2);
    await host.step(8, modules);
    expect(contexts).toHaveLength(2);
    expect(contexts[1]?.port.sent).toHaveLength(1);
  });

  it('fetches the bundle once, and again only after a failed fetch', async () => {
    const failing = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('HTTP 404'))
      .mockResolvedValue('stepper bundle');
    const { host, events, contexts } = stepping({ stepperSource: failing });
    await host.step(1, modules);
    const [first] = answers(events);
    expect(first?.trace.end).toMatchObject({ kind: 'error' });
    expect(first?.trace.end.kind === 'error' && first.trace.end.message).toContain('HTTP 404');
    expect(contexts).toHaveLength(0);
    await host.step(2, modules);
    contexts[0]?.port.deliver({ kind: 'steps', trace: recorded });
    await host.step(3, modules);
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('answers a compile error without starting a worker', async () => {
    const { host, events, contexts } = stepping({
      compile: () =>
        Promise.resolve({
          ok: false,
          error: {
            title: 'SyntaxError',
            message: 'Unexpected token',
            location: { path: '/index.ts', line: 3, column: 5 },
          },
        }),
    });
    await host.step(1, modules);
    expect(contexts).toHaveLength(0);
    const [answer] = answers(events);
    expect(answer?.trace.end).toEqual({
      kind: 'compile',
      message: 'SyntaxError: Unexpected token (index.ts:3:5)',
    });
    expect(isStepTrace(answer?.trace)).toBe(true);
  });

  it('a newer request ends the older one, whose answer never arrives', async () => {
    const { host, events, contexts } = stepping();
    await host.step(1, modules);
    await host.step(2, modules);
    expect(contexts[0]?.worker.terminated).toBe(true);
    contexts[0]?.port.deliver({ kind: 'steps', trace: recorded });
    const newest = contexts.find(
      (context) => context.port.sent.length === 1 && context !== contexts[0],
    );
    newest?.port.deliver({ kind: 'steps', trace: recorded });
    expect(answers(events).map((answer) => answer.id)).toEqual([2]);
  });

  it('a worker that never answers is ended with the too-long message', async () => {
    vi.useFakeTimers();
    const { host, events, contexts } = stepping({ answerWithin: 20_000 });
    await host.step(1, modules);
    vi.advanceTimersByTime(19_999);
    expect(answers(events)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(contexts[0]?.worker.terminated).toBe(true);
    expect(answers(events)[0]?.trace.end).toEqual({
      kind: 'limit',
      message: 'This program is too long to step through (no answer within 20 s); run it normally.',
    });
  });

  it('a worker that fails, or whose bundle does not start, says so', async () => {
    const { host, events, contexts } = stepping();
    await host.step(1, modules);
    contexts[0]?.worker.fail('out of memory');
    await host.step(2, modules);
    const second = contexts.at(-1);
    second?.port.deliver({
      kind: 'error',
      contextId: 'stepper',
      source: 'stepper',
      report: { kind: 'load', text: 'The sandbox runtime failed: x.', name: 'Error', message: 'x' },
      fatal: true,
    });
    expect(answers(events).map((answer) => answer.trace.end)).toEqual([
      { kind: 'error', message: 'The stepper failed: out of memory' },
      { kind: 'error', message: 'The sandbox runtime failed: x.' },
    ]);
  });

  it('drops what does not fit the protocol', async () => {
    const { host, events, contexts } = stepping();
    await host.step(1, modules);
    contexts[0]?.port.deliver({ kind: 'steps', trace: { steps: 'all of them' } });
    contexts[0]?.port.deliver(null);
    expect(answers(events)).toEqual([]);
  });
});
