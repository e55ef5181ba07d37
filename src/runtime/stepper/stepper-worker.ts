/**
 * The stepper's worker bundle, named for what it is: the build names a
 * worker's file after its entry, and the size budgets (.size-limit.ts) tell
 * this large, on-demand bundle from the sandbox bootstrap (`entry`) by it.
 */
import './entry';
