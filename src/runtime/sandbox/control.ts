/**
 * A context's side of its control channel, and the inbox of a nested
 * context's user messages.
 */
import { isHostToSandbox, type ChildToParent, type SandboxToHost } from '../protocol';
import type { Activity } from './activity';
import { contextName, type Recorder } from './recorder';

/** Builds the report of a failure of the runtime itself, which no context printed. */
export function runtimeFailure(contextId: string, label: string, error: unknown): SandboxToHost {
  const reason = error instanceof Error ? error.message : String(error);
  const text = `The sandbox runtime failed: ${reason}. Run again, or reload the sandbox.`;
  return {
    kind: 'error',
    contextId,
    source: label,
    report: { kind: 'load', text, name: 'Error', message: text },
    fatal: true,
  };
}

/** The port to the parent (the runtime page, or the context that created this worker). */
export class ControlPort {
  constructor(private readonly port: MessagePort) {}

  /** Delivers valid probes to `onProbe`; anything else is dropped. */
  listen(onProbe: (round: number) => void): void {
    this.port.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (isHostToSandbox(message) && message.kind === 'probe') onProbe(message.round);
    };
  }

  send(message: ChildToParent, transfer?: Transferable[] | StructuredSerializeOptions): void {
    this.port.postMessage(message, transfer as StructuredSerializeOptions);
  }
}

const replayed = new WeakSet<Event>();

/**
 * User messages from the parent. Those that arrive while the entry module is
 * still loading wait for its handlers, as they would for a worker script that
 * registers them at once.
 */
export class ParentInbox {
  private open = false;
  private readonly label: string;

  constructor(
    private readonly scope: EventTarget,
    private readonly early: MessageEvent[],
    private readonly activity: Activity,
    /** This context's parent, and the recorder that notes its messages (none when not tracing). */
    private readonly trace?: { parent: string; recorder: Recorder },
  ) {
    this.label = trace ? `message from ${contextName(trace.parent)}` : '';
    scope.addEventListener('message', (event) => {
      // Events user code dispatches itself are not messages from the parent.
      if (!event.isTrusted && !replayed.has(event)) return;
      if (!this.open && event instanceof MessageEvent && !replayed.has(event)) {
        event.stopImmediatePropagation();
        this.early.push(event);
        return;
      }
      this.activity.receivedFromParent += 1;
      this.trace?.recorder.received(
        this.trace.parent,
        this.activity.receivedFromParent,
        this.label,
      );
    });
  }

  /** The entry module has run: deliver what waited, in order. */
  deliver(): void {
    this.open = true;
    for (const event of this.early.splice(0)) {
      const replay = new MessageEvent('message', {
        data: event.data as unknown,
        ports: [...event.ports],
      });
      replayed.add(replay);
      this.scope.dispatchEvent(replay);
      this.trace?.recorder.leave();
    }
  }
}
