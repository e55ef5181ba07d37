import { describe, expect, it, vi } from 'vitest';
import type { RuntimeEvent, SandpackModules } from '../protocol';
import type { CompileResult } from './compile';
import { fakeContext } from './fakes';
import { Runtime, type RuntimeDeps } from './runtime';

const modules: SandpackModules = { '/index.ts': { code: 'console.log(1)', path: '/index.ts' } };
const envelope = { codesandbox: true, $id: 1 } as const;
const ok: CompileResult = { ok: true, entry: '/index.ts', program: { modules: [], sources: {} } };

/** A compile the test settles by hand, to order runs and checks. */
function deferredCompile() {
  const pending: ((result: CompileResult) => void)[] = [];
  const compile = () =>
    new Promise<CompileResult>((resolve) => {
      pending.push(resolve);
    });
  return { compile, pending };
}

function runtime(overrides: Partial<RuntimeDeps> = {}) {
  const events: RuntimeEvent[] = [];
  const contexts: ReturnType<typeof fakeContext>[] = [];
  const deps: RuntimeDeps = {
    send: (event) => events.push(event),
    compile: () => Promise.resolve(ok),
    bootstrapSource: Promise.resolve('boot'),
    prepare: () => {
      const context = fakeContext();
      contexts.push(context);
      return context;
    },
    testHooks: false,
    hang: vi.fn(),
    ...overrides,
  };
  return { host: new Runtime(deps), events, contexts, deps };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const types = (events: RuntimeEvent[]) => events.map((e) => e.type);
const runStates = (events: RuntimeEvent[]) =>
  events.flatMap((e) => (e.type === 'sandbox/run-state' ? [`${e.runId}:${e.state}`] : []));

describe('Runtime', () => {
  it('answers a ping with the same id', () => {
    const { host, events } = runtime();
    host.receive({ ...envelope, type: 'sandbox/ping', id: 41 });
    expect(events).toEqual([{ type: 'sandbox/pong', id: 41 }]);
  });

  it('drops forged and malformed messages without throwing', () => {
    const { host, events } = runtime();
    for (const data of [
      null,
      3,
      'compile',
      { type: 'compile', modules },
      { ...envelope, type: 'compile', modules: null },
      { ...envelope, type: 'sandbox/run', modules: { '/index.ts': { code: 1 } } },
      { ...envelope, type: 'sandbox/ping', id: '1' },
      { kind: 'error', report: null, fatal: true },
      { ...envelope, type: 'x'.repeat(100_000) },
    ]) {
      expect(() => {
        host.receive(data);
      }).not.toThrow();
    }
    expect(events).toEqual([]);
  });

  it('keeps one spare context between runs, and none is started by a check during a run', async () => {
    const { host, contexts } = runtime();
    host.receive({ ...envelope, type: 'compile', modules, skipEval: true });
    await settle();
    expect(contexts).toHaveLength(1);
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(contexts, 'the run took the spare').toHaveLength(1);
    host.receive({ ...envelope, type: 'compile', modules, skipEval: true });
    await settle();
    expect(contexts, 'a check during the run leaves the spare to its end').toHaveLength(1);
    host.receive({ ...envelope, type: 'sandbox/stop' });
    await settle();
    expect(contexts, 'the next run has one ready').toHaveLength(2);
    expect(contexts[0]?.worker.terminated).toBe(true);
    expect(contexts[1]?.worker.terminated).toBe(false);
  });

  it('honours test-hang only with test hooks, for at most a minute', () => {
    const off = runtime();
    off.host.receive({ ...envelope, type: 'sandbox/test-hang', ms: 10 });
    expect(off.deps.hang).not.toHaveBeenCalled();
    const on = runtime({ testHooks: true });
    on.host.receive({ ...envelope, type: 'sandbox/test-hang', ms: 10 });
    on.host.receive({ ...envelope, type: 'sandbox/test-hang', ms: 1e9 });
    expect(on.deps.hang).toHaveBeenNthCalledWith(1, 10);
    expect(on.deps.hang).toHaveBeenNthCalledWith(2, 60_000);
  });

  it('runs: start, success, running, done; console events carry the run id', async () => {
    const { host, events, contexts } = runtime();
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(types(events)).toEqual(['start', 'success', 'sandbox/run-state', 'done']);
    contexts[0]?.port.deliver({
      kind: 'output',
      entries: [{ method: 'log', id: 'a', data: ['1'], stream: 'stdout', source: 'main', at: 0 }],
    });
    expect(events.at(-1)).toMatchObject({ type: 'console', runId: 1 });
  });

  it('a check prepares a spare context that the next run uses', async () => {
    const { host, contexts } = runtime();
    host.receive({ ...envelope, type: 'compile', modules, skipEval: true });
    await settle();
    expect(contexts).toHaveLength(1);
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(contexts).toHaveLength(1);
    expect(contexts[0]?.port.sent[0]).toMatchObject({ kind: 'boot' });
  });

  it('a newer run supersedes one still compiling; a check never cancels a run', async () => {
    const { compile, pending } = deferredCompile();
    const { host, events, contexts } = runtime({ compile });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    host.receive({ ...envelope, type: 'compile', modules, skipEval: true });
    pending[2]?.(ok); // the check
    pending[0]?.(ok); // the superseded run
    pending[1]?.(ok); // the latest run
    await settle();
    const booted = contexts.filter((c) => c.port.sent.length > 0);
    expect(booted).toHaveLength(1);
    expect(runStates(events)).toEqual(['1:running']);
  });

  it('a run stops the previous one at once', async () => {
    const { host, events, contexts } = runtime();
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    expect(contexts[0]?.worker.terminated).toBe(true);
    await settle();
    expect(runStates(events)).toEqual(['1:running', '1:stopped', '2:running']);
  });

  it('a compile error ends the run in error with the error printed', async () => {
    const failed: CompileResult = {
      ok: false,
      error: {
        title: 'ModuleNotFoundError',
        message: 'Cannot find module "./50%"',
        location: { path: '/index.ts', line: 1, column: 1 },
      },
    };
    const { host, events } = runtime({ compile: () => Promise.resolve(failed) });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(runStates(events)).toEqual(['1:error']);
    const printed = events.find((e) => e.type === 'console');
    expect(printed).toMatchObject({ runId: 1 });
    expect(events.at(-1)).toEqual({ type: 'done', compilatonError: true });
  });

  it('an exception of the runtime itself ends visibly, and the next run works', async () => {
    let calls = 0;
    const { host, events } = runtime({
      compile: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new URIError('URI malformed')) : Promise.resolve(ok);
      },
    });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(runStates(events)).toEqual(['1:error']);
    const printed = events.find((e) => e.type === 'console');
    expect(printed?.type === 'console' && printed.log[0]?.data[0]).toBe(
      'The sandbox runtime failed: URI malformed. Run again, or reload the sandbox.',
    );
    expect(events.at(-1)).toEqual({ type: 'done', compilatonError: true });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(runStates(events)).toEqual(['1:error', '2:running']);
  });

  it('a failing bootstrap fetch is a visible failure too', async () => {
    const bootstrapSource = Promise.reject(new Error('HTTP 404'));
    bootstrapSource.catch(() => undefined);
    const { host, events } = runtime({ bootstrapSource });
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(runStates(events)).toEqual(['1:error']);
  });

  it("a run's trace reaches the docs page with its run id", async () => {
    const { host, events, contexts } = runtime();
    host.receive({ ...envelope, type: 'sandbox/run', modules });
    await settle();
    expect(contexts[0]?.port.sent[0]).toMatchObject({ kind: 'boot', config: { trace: true } });
    const event = { type: 'context', context: '0', label: 'main', at: 0 } as const;
    contexts[0]?.port.deliver({ kind: 'trace', events: [event], dropped: 0 });
    host.receive({ ...envelope, type: 'sandbox/stop' });
    expect(events.filter((e) => e.type === 'sandbox/trace')).toEqual([
      { type: 'sandbox/trace', runId: 1, events: [event], dropped: 0 },
    ]);
  });

  it('a run asked for without a trace boots its context without one', async () => {
    const { host, contexts } = runtime();
    host.receive({ ...envelope, type: 'sandbox/run', modules, trace: false });
    await settle();
    expect(contexts[0]?.port.sent[0]).toMatchObject({ kind: 'boot', config: { trace: false } });
  });
});
