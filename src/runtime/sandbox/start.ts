/** The global through which the loader reaches `startContext` (see entry.ts and loader.ts). */
export const START_GLOBAL = '__startSandboxContext';
