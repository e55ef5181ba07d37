import { describe, expect, it } from 'vitest';
import type { OutputEntry, SandboxToHost } from '../protocol';
import { Activity } from './activity';
import { ControlPort, ParentInbox, runtimeFailure } from './control';
import { Outbox } from './outbox';
import { ConsoleSink } from './sink';

function outbox() {
  const sent: SandboxToHost[] = [];
  const deferred: (() => void)[] = [];
  const box = new Outbox(
    (message) => sent.push(message),
    (task) => deferred.push(task),
  );
  const runDeferred = () => {
    for (const task of deferred.splice(0)) task();
  };
  return { box, sent, runDeferred };
}

const line = (text: string): OutputEntry => ({
  method: 'log',
  id: text,
  data: [text],
  stream: 'stdout',
  source: 'main',
  at: 0,
});

describe('Outbox', () => {
  it('batches output and keeps it before later messages', () => {
    const { box, sent, runDeferred } = outbox();
    box.write(line('a'));
    box.write(line('b'));
    box.enqueue({ kind: 'loaded', contextId: '0' });
    box.write(line('c'));
    expect(sent).toEqual([]);
    runDeferred();
    expect(
      sent.map((m) => (m.kind === 'output' ? m.entries.map((e) => e.id).join() : m.kind)),
    ).toEqual(['a,b', 'loaded', 'c']);
  });

  it('holds everything while a line waits for promise states', () => {
    const { box, sent } = outbox();
    box.hold();
    box.write(line('a'));
    box.flush();
    expect(sent).toEqual([]);
    box.release();
    box.flush();
    expect(sent).toHaveLength(1);
  });
});

describe('ConsoleSink', () => {
  const context = { contextId: '0.1', label: 'worker 1 (/w.ts)', runStartedAt: 5 };

  it('sends the first lines at once, then a flood in batches', () => {
    const { box, sent } = outbox();
    const sink = new ConsoleSink(context, {
      outbox: box,
      inspector: { hasPlaceholders: () => false, finish: (t) => t },
      now: () => 12,
      clock: () => 0,
      microtask: queueMicrotask,
    });
    for (let i = 0; i < 150; i++) sink.write({ method: 'log', stream: 'stdout', text: `${i}` });
    expect(sent.length).toBe(100);
    expect(sent[0]).toEqual({
      kind: 'output',
      entries: [
        {
          method: 'log',
          id: '0.1:5:0',
          data: ['0'],
          stream: 'stdout',
          source: context.label,
          at: 12,
        },
      ],
    });
    expect(box.unsent).toBe(50);
  });

  it('keeps order behind a line that waits for a promise state', async () => {
    const { box, sent, runDeferred } = outbox();
    const sink = new ConsoleSink(context, {
      outbox: box,
      inspector: {
        hasPlaceholders: (t) => t.includes('?'),
        finish: (t) => t.replace('?', 'fulfilled'),
      },
      now: () => 0,
      clock: () => 0,
      microtask: queueMicrotask,
    });
    sink.write({ method: 'log', stream: 'stdout', text: 'Promise { ? }' });
    sink.write({ method: 'log', stream: 'stdout', text: 'after' });
    expect(sent).toEqual([]);
    await Promise.resolve();
    runDeferred();
    const texts = sent.flatMap((m) => (m.kind === 'output' ? m.entries.map((e) => e.data[0]) : []));
    expect(texts).toEqual(['Promise { fulfilled }', 'after']);
  });
});

describe('Activity', () => {
  it('counts timers until they fire or are cleared, and pending fetches', async () => {
    const activity = new Activity('0', () => [['0.1', { sent: 2, received: 1 }]]);
    const timers = activity.timerFunctions({
      setTimeout: globalThis.setTimeout.bind(globalThis) as never,
      clearTimeout: globalThis.clearTimeout.bind(globalThis),
      setInterval: globalThis.setInterval.bind(globalThis) as never,
      clearInterval: globalThis.clearInterval.bind(globalThis),
    });
    let fired = false;
    timers.setTimeout(() => {
      fired = true;
    }, 0);
    const interval = timers.setInterval(() => undefined, 1000);
    expect(activity.snapshot(1).timers).toBe(2);
    timers.clearInterval(interval);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fired).toBe(true);
    let release = (): void => undefined;
    const fetch = activity.trackedFetch(
      () =>
        new Promise<Response>((resolve) => {
          release = () => {
            resolve(new Response('x'));
          };
        }),
    );
    const response = fetch('file:///x');
    expect(activity.snapshot(2)).toMatchObject({
      contextId: '0',
      round: 2,
      timers: 0,
      pending: 1,
      sentTo: { '0.1': 2 },
      receivedFrom: { '0.1': 1 },
      children: ['0.1'],
    });
    release();
    await response;
    expect(activity.pending).toBe(0);
  });

  it('refuses string timers, as the sandbox cannot evaluate them', () => {
    const activity = new Activity('0', () => []);
    const timers = activity.timerFunctions({
      setTimeout: globalThis.setTimeout.bind(globalThis) as never,
      clearTimeout: globalThis.clearTimeout.bind(globalThis),
      setInterval: globalThis.setInterval.bind(globalThis) as never,
      clearInterval: globalThis.clearInterval.bind(globalThis),
    });
    expect(() => timers.setTimeout('alert(1)', 0)).toThrow(TypeError);
  });
});

describe('ControlPort', () => {
  it('delivers valid probes and drops everything else without throwing', async () => {
    const channel = new MessageChannel();
    const control = new ControlPort(channel.port1);
    const rounds: number[] = [];
    control.listen((round) => rounds.push(round));
    for (const data of [
      null,
      1,
      { kind: 'probe', round: '2' },
      { kind: 'error', report: null },
      { kind: 'probe', round: 3 },
    ]) {
      channel.port2.postMessage(data);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds).toEqual([3]);
    channel.port1.close();
  });

  it('describes a runtime failure as an error no context printed', () => {
    expect(runtimeFailure('0.2', 'worker 2 (/w.ts)', new Error('boom'))).toEqual({
      kind: 'error',
      contextId: '0.2',
      source: 'worker 2 (/w.ts)',
      report: {
        kind: 'load',
        text: 'The sandbox runtime failed: boom. Run again, or reload the sandbox.',
        name: 'Error',
        message: 'The sandbox runtime failed: boom. Run again, or reload the sandbox.',
      },
      fatal: true,
    });
  });
});

describe('ParentInbox', () => {
  it('holds messages until the entry module ran, then replays them in order', () => {
    const scope = new EventTarget();
    const activity = new Activity('0.1', () => []);
    const inbox = new ParentInbox(scope, [], activity);
    const seen: unknown[] = [];
    // Delivered events are trusted in a browser; here the inbox is told so.
    const trusted = (data: unknown) => {
      const event = new MessageEvent('message', { data });
      Object.defineProperty(event, 'isTrusted', { value: true });
      return event;
    };
    scope.dispatchEvent(trusted('first'));
    scope.addEventListener('message', (event) => seen.push((event as MessageEvent).data));
    scope.dispatchEvent(trusted('second'));
    expect(seen).toEqual([]);
    inbox.deliver();
    scope.dispatchEvent(trusted('third'));
    // Events user code dispatches itself are no messages from the parent.
    scope.dispatchEvent(new MessageEvent('message', { data: 'own' }));
    expect(seen).toEqual(['first', 'second', 'third', 'own']);
    expect(activity.receivedFromParent).toBe(3);
  });
});
