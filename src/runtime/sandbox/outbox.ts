/**
 * Upward traffic of a context: one ordered queue, so a child's output and
 * its errors keep their place among this context's own lines, and output is
 * sent in batches rather than one message per line.
 */
import type { OutputEntry, SandboxToHost } from '../protocol';

export class Outbox {
  private readonly queue: SandboxToHost[] = [];
  private outputs: OutputEntry[] = [];
  private scheduled = false;
  /** Lines waiting for promise states; nothing may overtake them. */
  private holds = 0;

  constructor(
    private readonly send: (message: SandboxToHost) => void,
    private readonly defer: (task: () => void) => void,
  ) {}

  /** Output entries not sent yet. */
  get unsent(): number {
    return this.outputs.length;
  }

  write(entry: OutputEntry): void {
    this.outputs.push(entry);
  }

  enqueue(message: SandboxToHost): void {
    this.seal();
    this.queue.push(message);
    this.schedule();
  }

  hold(): void {
    this.holds += 1;
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    this.schedule();
  }

  /** Sends everything queued, unless a held line must come first. */
  flush(): void {
    this.scheduled = false;
    if (this.holds > 0) return;
    this.seal();
    for (const message of this.queue.splice(0)) this.send(message);
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.flush();
    });
  }

  private seal(): void {
    if (this.outputs.length) this.queue.push({ kind: 'output', entries: this.outputs });
    this.outputs = [];
  }
}
