/**
 * Decides when a run has finished the way Node decides to exit: no timers,
 * no pending fetches, and no message in flight between any two contexts.
 * A context busy with CPU work cannot answer a probe, so a round only
 * completes when every live context is between tasks.
 */
import type { ActivitySnapshot } from '../protocol';

export class QuiescenceTracker {
  private round = 0;
  private replies = new Map<string, ActivitySnapshot>();
  private lastIdleSignature: string | undefined;

  /** Starts a new probe round; returns its number. */
  nextRound(): number {
    this.round += 1;
    this.replies = new Map();
    return this.round;
  }

  /**
   * Records a reply. Returns true when this completes a round in which every
   * context was idle, for the second round in a row with nothing changed.
   */
  record(snapshot: ActivitySnapshot): boolean {
    if (snapshot.round !== this.round) return false;
    this.replies.set(snapshot.contextId, snapshot);
    const all = this.complete();
    if (!all) return false;
    const idle = isIdle(all);
    if (!idle) {
      this.lastIdleSignature = undefined;
      return false;
    }
    const signature = JSON.stringify(all.map(({ round: _round, ...rest }) => rest));
    const settled = this.lastIdleSignature === signature;
    this.lastIdleSignature = signature;
    return settled;
  }

  /** Every context reachable from the main one has replied in this round. */
  private complete(): ActivitySnapshot[] | undefined {
    const seen: ActivitySnapshot[] = [];
    const stack = ['0'];
    while (stack.length) {
      const id = stack.pop() ?? '';
      const reply = this.replies.get(id);
      if (!reply) return undefined;
      seen.push(reply);
      stack.push(...reply.children);
    }
    return seen.sort((a, b) => a.contextId.localeCompare(b.contextId));
  }
}

export function isIdle(snapshots: readonly ActivitySnapshot[]): boolean {
  const byId = new Map(snapshots.map((s) => [s.contextId, s]));
  for (const s of snapshots) {
    if (!s.loaded || s.timers > 0 || s.pending > 0) return false;
    for (const childId of s.children) {
      const child = byId.get(childId);
      if (!child) return false;
      if ((s.sentTo[childId] ?? 0) !== child.receivedFromParent) return false;
      if ((s.receivedFrom[childId] ?? 0) !== child.sentToParent) return false;
    }
  }
  return true;
}
