/**
 * The docs-page side of the runtime protocol: where the runtime lives and
 * how our own messages ride Sandpack's channel.
 */
import type { SandpackClientDispatch } from '@codesandbox/sandpack-react';
import type { RunMessage, RuntimeEvent, StopMessage } from './protocol';

/** Absolute URL of the runtime page under the site's base path (Sandpack requires absolute). */
export function runtimeURL(): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  return new URL(`${base}runtime/`, location.origin).href;
}

type OwnMessage = Omit<RunMessage, 'codesandbox'> | Omit<StopMessage, 'codesandbox'>;

/** Sandpack's dispatch is typed for its own messages; ours share its envelope. */
export function sendToRuntime(dispatch: SandpackClientDispatch, message: OwnMessage): void {
  dispatch(message as unknown as Parameters<SandpackClientDispatch>[0]);
}

const RUNTIME_EVENTS = new Set<string>([
  'initialized',
  'start',
  'status',
  'success',
  'done',
  'action',
  'console',
  'sandbox/run-state',
]);

/** Narrows a Sandpack message to the runtime events this project defines. */
export function toRuntimeEvent(message: unknown): RuntimeEvent | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' && RUNTIME_EVENTS.has(type)
    ? (message as RuntimeEvent)
    : undefined;
}
