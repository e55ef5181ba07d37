/**
 * The sandbox bootstrap module: what every sandbox context loads first (see
 * loader.ts). Worker bundles do not keep their exports, so the entry point is
 * handed over through a global that the loader takes and deletes before user
 * code runs.
 */
import { startContext } from './context';
import { START_GLOBAL } from './start';

Object.defineProperty(globalThis, START_GLOBAL, { value: startContext, configurable: true });
