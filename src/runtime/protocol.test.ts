import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isChildToParent,
  isClientToRuntime,
  isContextConfig,
  isHostToSandbox,
  isOutputEntry,
  isRegisterFrame,
  isRuntimeEvent,
  isRuntimeMessage,
  isSandboxToHost,
  isTraceEvent,
  type ContextConfig,
  type OutputEntry,
  type RuntimeEvent,
  type TraceEvent,
} from './protocol';

const GUARDS = {
  isChildToParent,
  isClientToRuntime,
  isContextConfig,
  isHostToSandbox,
  isOutputEntry,
  isRegisterFrame,
  isRuntimeEvent,
  isRuntimeMessage,
  isSandboxToHost,
  isTraceEvent,
};

const FORGED: unknown[] = [
  null,
  undefined,
  0,
  42,
  Number.NaN,
  '',
  'compile',
  [],
  [{ type: 'console' }],
  { kind: 'error', report: null, fatal: true },
  { kind: 'error', contextId: '0', source: 'main', report: { kind: 'load' }, fatal: true },
  { kind: 'output', entries: [null] },
  { kind: 'output', entries: 'x'.repeat(1_000_000) },
  { kind: 'activity', snapshot: { contextId: 0 } },
  { kind: 'probe', round: '1' },
  { kind: 'boot', config: null },
  { type: 'console', log: [{ method: 'log', data: null }] },
  { type: 'console', runId: '1', log: [] },
  { type: 'sandbox/run-state', runId: '1', state: 'done', elapsed: 0, dropped: 0 },
  { type: 'sandbox/run-state', runId: 1, state: 'exploded', elapsed: 0, dropped: 0 },
  { type: 'action', action: 'show-error', title: null, message: 'x', payload: {} },
  { type: 'compile', codesandbox: true, modules: { '/index.ts': { code: 1, path: '/index.ts' } } },
  { type: 'sandbox/run', codesandbox: true, modules: null },
  { type: 'sandbox/ping', codesandbox: true, id: 'x' },
  { type: 'register-frame', origin: 5, id: 1 },
  { type: 'toString', codesandbox: true },
  { type: '__proto__', codesandbox: true },
  { type: 'x'.repeat(1_000_000), codesandbox: true },
  { type: 'busy', context: '0', start: 0, end: Number.NaN, label: '' },
  { type: 'busy', context: 0, start: 0, end: 1, label: '' },
  { type: 'begin', context: '0', span: 1, kind: 'promise', at: 0, label: '' },
  { type: 'begin', context: '0', span: 1, kind: 'timer', at: 0, label: '', child: 1 },
  { type: 'end', context: '0', span: 1, at: 0, outcome: 'exploded' },
  { type: 'send', context: '0', to: '0.1', n: '1', at: 0 },
  { type: 'receive', context: '0', from: null, n: 1, at: 0 },
  { type: 'hasOwnProperty', context: '0' },
  { kind: 'trace', events: [{ type: 'context', context: '0', label: 'main' }], dropped: 0 },
  { kind: 'trace', events: [], dropped: '0' },
  { type: 'sandbox/trace', runId: 1, events: [null], dropped: 0 },
  { type: 'sandbox/run', codesandbox: true, modules: {}, trace: 'yes' },
  { kind: 'user-message', data: 1, trace: { kind: 'trace', events: [{}], dropped: 0 } },
];

describe('guards', () => {
  it.each(Object.entries(GUARDS))('%s drops forged and malformed values', (_name, guard) => {
    for (const value of FORGED) expect(guard(value)).toBe(false);
  });

  it('never throw, whatever JSON arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const guard of Object.values(GUARDS)) guard(value);
      }),
    );
  });

  it('never throw on objects whose getters throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        has() {
          throw new Error('no');
        },
      },
    );
    for (const guard of Object.values(GUARDS)) expect(guard(hostile)).toBe(false);
    for (const guard of Object.values(GUARDS))
      expect(guard({ type: 'console', log: hostile })).toBe(false);
  });
});

const finite = fc.double({ noNaN: true });
const entry: fc.Arbitrary<OutputEntry> = fc.record({
  method: fc.constantFrom('log', 'info', 'warn', 'error', 'table', 'clear'),
  id: fc.string(),
  data: fc.tuple(fc.string()),
  stream: fc.constantFrom('stdout', 'stderr'),
  source: fc.string(),
  at: finite,
});
const traceEvent: fc.Arbitrary<TraceEvent> = fc.oneof(
  fc.record({ type: fc.constant('context'), context: fc.string(), label: fc.string(), at: finite }),
  fc.record({
    type: fc.constant('busy'),
    context: fc.string(),
    start: finite,
    end: finite,
    label: fc.string(),
  }),
  fc.record(
    {
      type: fc.constant('begin'),
      context: fc.string(),
      span: fc.nat(),
      kind: fc.constantFrom('timer', 'interval', 'fetch', 'worker'),
      at: finite,
      label: fc.string(),
      child: fc.string(),
    },
    { requiredKeys: ['type', 'context', 'span', 'kind', 'at', 'label'] },
  ),
  fc.record({
    type: fc.constant('end'),
    context: fc.string(),
    span: fc.nat(),
    at: finite,
    outcome: fc.constantFrom('fired', 'cleared', 'settled', 'failed', 'ended'),
  }),
  fc.record({
    type: fc.constant('send'),
    context: fc.string(),
    to: fc.string(),
    n: fc.nat(),
    at: finite,
  }),
  fc.record({
    type: fc.constant('receive'),
    context: fc.string(),
    from: fc.string(),
    n: fc.nat(),
    at: finite,
  }),
);
const runtimeEvent: fc.Arbitrary<RuntimeEvent> = fc.oneof(
  fc.record({ type: fc.constant('start'), firstLoad: fc.boolean() }),
  fc.record({ type: fc.constant('done'), compilatonError: fc.boolean() }),
  fc.record({ type: fc.constant('console'), runId: fc.nat(), log: fc.array(entry) }),
  fc.record({ type: fc.constant('sandbox/pong'), id: fc.integer() }),
  fc.record({
    type: fc.constant('sandbox/trace'),
    runId: fc.nat(),
    events: fc.array(traceEvent),
    dropped: fc.nat(),
  }),
  fc.record({
    type: fc.constant('sandbox/run-state'),
    runId: fc.nat(),
    state: fc.constantFrom('running', 'done', 'error', 'stopped'),
    elapsed: finite,
    dropped: fc.nat(),
  }),
  fc.record({
    type: fc.constant('action'),
    action: fc.constant('show-error'),
    title: fc.string(),
    message: fc.string(),
    payload: fc.record({
      frames: fc.array(
        fc.record({
          _originalFileName: fc.string(),
          _originalLineNumber: fc.nat(),
          _originalColumnNumber: fc.nat(),
          _originalScriptCode: fc.array(
            fc.record({ lineNumber: fc.nat(), content: fc.string(), highlight: fc.boolean() }),
          ),
        }),
      ),
    }),
  }),
);

describe('valid messages', () => {
  it('runtime events are accepted, with and without the envelope', () => {
    fc.assert(
      fc.property(runtimeEvent, fc.nat(), (event, id) => {
        expect(isRuntimeEvent(event)).toBe(true);
        expect(isRuntimeMessage({ ...event, codesandbox: true, $id: id })).toBe(true);
        // After structured cloning (what postMessage does) too.
        expect(isRuntimeEvent(structuredClone(event))).toBe(true);
      }),
    );
  });

  it('a runtime event outside the envelope is no runtime message', () => {
    expect(isRuntimeMessage({ type: 'success' })).toBe(false);
    expect(isRuntimeMessage({ type: 'success', codesandbox: true, $id: 'x' })).toBe(false);
  });

  it('docs page messages are accepted', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string()),
        fc.integer(),
        fc.option(fc.nat(), { nil: undefined }),
        (sources, id, ms) => {
          const modules = Object.fromEntries(
            Object.entries(sources).map(([path, code]) => [path, { code, path }]),
          );
          const envelope = { codesandbox: true, $id: id } as const;
          expect(isClientToRuntime({ ...envelope, type: 'compile', modules, skipEval: true })).toBe(
            true,
          );
          expect(isClientToRuntime({ ...envelope, type: 'sandbox/run', modules })).toBe(true);
          expect(
            isClientToRuntime({ ...envelope, type: 'sandbox/run', modules, trace: false }),
          ).toBe(true);
          expect(isClientToRuntime({ ...envelope, type: 'sandbox/stop' })).toBe(true);
          expect(isClientToRuntime({ ...envelope, type: 'sandbox/ping', id })).toBe(true);
          expect(
            isClientToRuntime({
              ...envelope,
              type: 'sandbox/test-hang',
              ...(ms === undefined ? {} : { ms }),
            }),
          ).toBe(true);
        },
      ),
    );
  });

  it('sandbox messages are accepted', () => {
    fc.assert(
      fc.property(fc.array(entry), fc.string(), fc.nat(), (entries, contextId, round) => {
        expect(isSandboxToHost({ kind: 'output', entries })).toBe(true);
        expect(isSandboxToHost({ kind: 'loaded', contextId })).toBe(true);
        expect(isHostToSandbox({ kind: 'probe', round })).toBe(true);
        expect(
          isSandboxToHost({
            kind: 'activity',
            snapshot: {
              contextId,
              round,
              timers: 0,
              pending: 0,
              sentTo: { [contextId]: 1 },
              receivedFrom: {},
              sentToParent: 0,
              receivedFromParent: 0,
              children: [contextId],
              loaded: true,
            },
          }),
        ).toBe(true);
        expect(isChildToParent({ kind: 'user-message', data: entries })).toBe(true);
        expect(isSandboxToHost({ kind: 'user-message', data: entries })).toBe(false);
      }),
    );
  });

  it('trace events and batches are accepted, also riding on a user message', () => {
    fc.assert(
      fc.property(fc.array(traceEvent), fc.nat(), (events, dropped) => {
        for (const event of events) expect(isTraceEvent(structuredClone(event))).toBe(true);
        const batch = { kind: 'trace', events, dropped };
        expect(isSandboxToHost(batch)).toBe(true);
        expect(isChildToParent({ kind: 'user-message', data: null, trace: batch })).toBe(true);
        expect(
          isChildToParent({
            kind: 'user-message',
            data: null,
            trace: { ...batch, kind: 'output' },
          }),
        ).toBe(false);
      }),
    );
  });

  it('a context config may turn the trace off', () => {
    const config: ContextConfig = {
      program: { modules: [], sources: {} },
      entry: '/index.ts',
      contextId: '0',
      label: 'main',
      runStartedAt: 0,
      bootstrapSource: '',
    };
    expect(isContextConfig(config)).toBe(true);
    expect(isContextConfig({ ...config, trace: false })).toBe(true);
    expect(isContextConfig({ ...config, trace: 0 })).toBe(false);
  });
});
