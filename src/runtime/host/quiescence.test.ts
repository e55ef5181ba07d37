import { describe, expect, it } from 'vitest';
import type { ActivitySnapshot } from '../protocol';
import { isIdle, QuiescenceTracker } from './quiescence';

function snap(contextId: string, extra: Partial<ActivitySnapshot> = {}): ActivitySnapshot {
  return {
    contextId,
    round: 1,
    timers: 0,
    pending: 0,
    sentTo: {},
    receivedFrom: {},
    sentToParent: 0,
    receivedFromParent: 0,
    children: [],
    loaded: true,
    ...extra,
  };
}

/** Main context "0" with one child "0.1" that exchanged `down` and `up` messages, all delivered. */
function family(down = 2, up = 3, round = 1): ActivitySnapshot[] {
  return [
    snap('0', { round, children: ['0.1'], sentTo: { '0.1': down }, receivedFrom: { '0.1': up } }),
    snap('0.1', { round, receivedFromParent: down, sentToParent: up }),
  ];
}

describe('isIdle', () => {
  it('is true for a lone loaded context with nothing pending', () => {
    expect(isIdle([snap('0')])).toBe(true);
  });

  it('is true for a family whose messages were all delivered', () => {
    expect(isIdle(family())).toBe(true);
  });

  it('is false while a timer is pending, in any context', () => {
    expect(isIdle([snap('0', { timers: 1 })])).toBe(false);
    const [main, child] = family();
    if (!main || !child) throw new Error('family() has two members');
    expect(isIdle([main, { ...child, timers: 2 }])).toBe(false);
  });

  it('is false while a fetch or other callback is pending', () => {
    expect(isIdle([snap('0', { pending: 1 })])).toBe(false);
  });

  it('is false until the entry module has finished loading', () => {
    expect(isIdle([snap('0', { loaded: false })])).toBe(false);
    const [main, child] = family();
    if (!main || !child) throw new Error('family() has two members');
    expect(isIdle([main, { ...child, loaded: false }])).toBe(false);
  });

  it('is false while a message from parent to child is in flight', () => {
    const [main, child] = family(2, 3);
    if (!main || !child) throw new Error('family() has two members');
    expect(isIdle([main, { ...child, receivedFromParent: 1 }])).toBe(false);
    expect(isIdle([{ ...main, sentTo: { '0.1': 3 } }, child])).toBe(false);
  });

  it('is false while a message from child to parent is in flight', () => {
    const [main, child] = family(2, 3);
    if (!main || !child) throw new Error('family() has two members');
    expect(isIdle([{ ...main, receivedFrom: { '0.1': 2 } }, child])).toBe(false);
    expect(isIdle([main, { ...child, sentToParent: 4 }])).toBe(false);
  });

  it('treats a missing counter as zero', () => {
    expect(isIdle([snap('0', { children: ['0.1'] }), snap('0.1')])).toBe(true);
    expect(isIdle([snap('0', { children: ['0.1'] }), snap('0.1', { sentToParent: 1 })])).toBe(
      false,
    );
    expect(isIdle([snap('0', { children: ['0.1'] }), snap('0.1', { receivedFromParent: 1 })])).toBe(
      false,
    );
  });

  it('is false when a listed child has no snapshot', () => {
    expect(isIdle([snap('0', { children: ['0.1'] })])).toBe(false);
  });

  it('checks grandchildren against their own parent', () => {
    const snapshots = [
      snap('0', { children: ['0.1'], sentTo: { '0.1': 1 } }),
      snap('0.1', {
        receivedFromParent: 1,
        children: ['0.1.1'],
        sentTo: { '0.1.1': 5 },
        receivedFrom: { '0.1.1': 1 },
      }),
      snap('0.1.1', { receivedFromParent: 5, sentToParent: 1 }),
    ];
    expect(isIdle(snapshots)).toBe(true);
    const last = snapshots[2];
    if (!last) throw new Error('three snapshots');
    expect(isIdle([...snapshots.slice(0, 2), { ...last, receivedFromParent: 4 }])).toBe(false);
  });
});

describe('QuiescenceTracker', () => {
  it('needs two complete idle rounds in a row', () => {
    const tracker = new QuiescenceTracker();
    expect(tracker.record(snap('0', { round: tracker.nextRound() }))).toBe(false);
    expect(tracker.record(snap('0', { round: tracker.nextRound() }))).toBe(true);
  });

  it('numbers rounds from 1 upwards', () => {
    const tracker = new QuiescenceTracker();
    expect(tracker.nextRound()).toBe(1);
    expect(tracker.nextRound()).toBe(2);
    expect(tracker.nextRound()).toBe(3);
  });

  it('starts over when the snapshot changed between idle rounds', () => {
    const tracker = new QuiescenceTracker();
    let round = tracker.nextRound();
    for (const s of family(1, 1, round)) expect(tracker.record(s)).toBe(false);
    round = tracker.nextRound();
    // Idle again, but another message went down and came back in between.
    const changed = family(2, 2, round);
    expect(changed.map((s) => tracker.record(s))).toEqual([false, false]);
    round = tracker.nextRound();
    expect(family(2, 2, round).map((s) => tracker.record(s))).toEqual([false, true]);
  });

  it('starts over after a round that was not idle', () => {
    const tracker = new QuiescenceTracker();
    expect(tracker.record(snap('0', { round: tracker.nextRound() }))).toBe(false);
    expect(tracker.record(snap('0', { round: tracker.nextRound(), timers: 1 }))).toBe(false);
    expect(tracker.record(snap('0', { round: tracker.nextRound() }))).toBe(false);
    expect(tracker.record(snap('0', { round: tracker.nextRound() }))).toBe(true);
  });

  it('never settles while something is pending', () => {
    const tracker = new QuiescenceTracker();
    for (let i = 0; i < 5; i++) {
      expect(tracker.record(snap('0', { round: tracker.nextRound(), pending: 1 }))).toBe(false);
    }
  });

  it('ignores replies from an earlier round', () => {
    const tracker = new QuiescenceTracker();
    const first = tracker.nextRound();
    expect(tracker.record(snap('0', { round: first }))).toBe(false);
    const second = tracker.nextRound();
    // A late reply to the first round does not complete the second.
    expect(tracker.record(snap('0', { round: first }))).toBe(false);
    expect(tracker.record(snap('0', { round: second }))).toBe(true);
  });

  it('does not count a late reply as part of the new round', () => {
    const tracker = new QuiescenceTracker();
    let round = tracker.nextRound();
    for (const s of family(0, 0, round)) tracker.record(s);
    const previous = round;
    round = tracker.nextRound();
    // Only the child's late reply from the previous round and main's current one arrive.
    const [main, child] = family(0, 0, round);
    if (!main || !child) throw new Error('family() has two members');
    expect(tracker.record({ ...child, round: previous })).toBe(false);
    expect(tracker.record(main)).toBe(false);
    expect(tracker.record(child)).toBe(true);
  });

  it('completes a round only when every listed child replied', () => {
    const tracker = new QuiescenceTracker();
    for (let i = 0; i < 3; i++) {
      const round = tracker.nextRound();
      // The child is busy and never answers.
      const [main] = family(0, 0, round);
      if (!main) throw new Error('family() has two members');
      expect(tracker.record(main)).toBe(false);
    }
  });

  it('completes a round once the missing child replies, in any order', () => {
    const tracker = new QuiescenceTracker();
    let round = tracker.nextRound();
    const [main1, child1] = family(1, 0, round);
    if (!main1 || !child1) throw new Error('family() has two members');
    expect(tracker.record(child1)).toBe(false);
    expect(tracker.record(main1)).toBe(false);
    round = tracker.nextRound();
    const [main2, child2] = family(1, 0, round);
    if (!main2 || !child2) throw new Error('family() has two members');
    expect(tracker.record(child2)).toBe(false); // main has not replied yet
    expect(tracker.record(main2)).toBe(true);
  });

  it('waits for grandchildren listed by a child', () => {
    const tracker = new QuiescenceTracker();
    const replies = (round: number) => [
      snap('0', { round, children: ['0.1'] }),
      snap('0.1', { round, children: ['0.1.1'] }),
      snap('0.1.1', { round }),
    ];
    let round = tracker.nextRound();
    expect(replies(round).map((s) => tracker.record(s))).toEqual([false, false, false]);
    round = tracker.nextRound();
    const [main, child, grandchild] = replies(round);
    if (!main || !child || !grandchild) throw new Error('three replies');
    expect(tracker.record(main)).toBe(false);
    expect(tracker.record(child)).toBe(false);
    expect(tracker.record(grandchild)).toBe(true);
  });

  it('ignores replies from contexts no longer listed as children', () => {
    const tracker = new QuiescenceTracker();
    // "0.2" was terminated: main no longer lists it, but its reply still arrives.
    const stray = (round: number) => snap('0.2', { round, timers: 3 });
    let round = tracker.nextRound();
    expect(tracker.record(stray(round))).toBe(false);
    expect(tracker.record(snap('0', { round }))).toBe(false);
    round = tracker.nextRound();
    expect(tracker.record(stray(round))).toBe(false);
    expect(tracker.record(snap('0', { round }))).toBe(true);
  });

  it('does not settle on rounds whose messages are unbalanced', () => {
    const tracker = new QuiescenceTracker();
    for (let i = 0; i < 3; i++) {
      const round = tracker.nextRound();
      const [main, child] = family(2, 0, round);
      if (!main || !child) throw new Error('family() has two members');
      tracker.record(main);
      expect(tracker.record({ ...child, receivedFromParent: 1 })).toBe(false);
    }
  });
});
