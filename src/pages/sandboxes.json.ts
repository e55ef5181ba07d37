/**
 * The manifest of every sandbox on every page, generated at build time from
 * the MDX sources (never maintained by hand). The end-to-end suite runs each
 * entry and checks that the rendered pages contain exactly these sandboxes.
 */
import { pageSandboxes } from '../components/sandbox/build/manifest';

export interface ManifestEntry {
  /** Page path relative to the site base, e.g. "sync-vs-async/". */
  page: string;
  id: string;
  demo: string;
  files: string[];
  expected: string;
  /** For programs that run until stopped: stop after this many ms, then compare. */
  stopAfter?: number;
  /** Offers "Step through" (sandbox.json `stepper`). */
  stepper?: true;
  /** A "Predict the order" puzzle. */
  puzzle?: true;
  /** An exercise: `expected` is its goal, which the starting program must not reach and the solution must. */
  exercise?: true;
}

export async function GET(): Promise<Response> {
  const entries: ManifestEntry[] = (await pageSandboxes()).map(({ page, id, demo }) => ({
    page,
    id,
    demo: demo.name,
    files: demo.files.map((file) => file.path),
    expected: demo.expected,
    ...(demo.stopAfter ? { stopAfter: demo.stopAfter } : {}),
    ...(demo.stepper ? { stepper: true as const } : {}),
    ...(demo.puzzle ? { puzzle: true as const } : {}),
    ...(demo.exercise ? { exercise: true as const } : {}),
  }));
  return new Response(JSON.stringify(entries, null, 2), {
    headers: { 'Content-Type': 'application/json' },
  });
}
