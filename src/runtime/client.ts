/**
 * The docs-page side of the runtime protocol: where the runtime lives and
 * how our own messages ride Sandpack's channel.
 */
import type { SandpackClientDispatch } from '@codesandbox/sandpack-react';
import {
  isRuntimeEvent,
  TEST_HOOKS_PARAM,
  type PingMessage,
  type RunMessage,
  type RuntimeEvent,
  type StepMessage,
  type StopMessage,
  type TestHangMessage,
} from './protocol';

/**
 * Absolute URL of the runtime page under the site's base path (Sandpack
 * requires absolute). A docs page opened with `?test-hooks` passes it on, so
 * tests can reach the runtime's test hooks.
 */
export function runtimeURL(): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  const url = new URL(`${base}runtime/`, location.origin);
  if (new URLSearchParams(location.search).has(TEST_HOOKS_PARAM)) {
    url.searchParams.set(TEST_HOOKS_PARAM, '');
  }
  return url.href;
}

type OwnMessage =
  | Omit<RunMessage, 'codesandbox'>
  | Omit<StopMessage, 'codesandbox'>
  | Omit<PingMessage, 'codesandbox'>
  | Omit<TestHangMessage, 'codesandbox'>
  | Omit<StepMessage, 'codesandbox'>;

/** Sandpack's dispatch is typed for its own messages; ours share its envelope. */
export function sendToRuntime(dispatch: SandpackClientDispatch, message: OwnMessage): void {
  dispatch(message as unknown as Parameters<SandpackClientDispatch>[0]);
}

/** Narrows a Sandpack message to the runtime events this project defines; drops malformed ones. */
export function toRuntimeEvent(message: unknown): RuntimeEvent | undefined {
  return isRuntimeEvent(message) ? message : undefined;
}
