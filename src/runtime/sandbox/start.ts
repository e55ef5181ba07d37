/** The global through which a loader reaches `startContext` (see entry.ts). */
export const START_GLOBAL = '__startSandboxContext';

/** Source text of a loader statement that starts a context and removes the global. */
export function startCall(configExpression: string): string {
  return `const s=globalThis.${START_GLOBAL};delete globalThis.${START_GLOBAL};s(${configExpression});`;
}
