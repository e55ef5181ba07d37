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
  type OutputEntry,
  type RuntimeEvent,
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
const runtimeEvent: fc.Arbitrary<RuntimeEvent> = fc.oneof(
  fc.record({ type: fc.constant('start'), firstLoad: fc.boolean() }),
  fc.record({ type: fc.constant('done'), compilatonError: fc.boolean() }),
  fc.record({ type: fc.constant('console'), runId: fc.nat(), log: fc.array(entry) }),
  fc.record({ type: fc.constant('sandbox/pong'), id: fc.integer() }),
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
});
