/** One file of a demo as the editor and the page show it. */
export interface DemoFile {
  /** Sandpack path, e.g. "/index.ts". */
  path: string;
  /** The code readers see and edit (without the module tail, see tail.ts). */
  code: string;
  /** What forks and downloads put back at the end ('' for nothing). */
  tail: string;
  hidden: boolean;
}

/** What the server hands the live editor, embedded as JSON in the page. */
export interface SandboxData {
  id: string;
  title: string;
  demo: string;
  files: DemoFile[];
  activeFile: string;
  /** The raw expected-output notation. */
  expected: string;
  /** The expected output as readers see it, one string per line. */
  expectedLines: string[];
  /** What `tsc` reports, for demos that show type errors. */
  diagnostics: string[];
  /** The Python counterpart: highlighted code (HTML per line) and what it prints. */
  python?: { code: string[]; output: string[] };
  /** Path (with the base) of the guide page the sandbox belongs to, e.g. "/sync-vs-async/". */
  page: string;
  /** "Step through" is offered (sandbox.json `stepper`). */
  stepper: boolean;
  /**
   * A "Predict the order" puzzle: the first word of each expected line, in
   * order (sandbox.json `puzzle`).
   */
  puzzle?: string[];
  /** Path (with the base) of the sandbox's embed page. */
  embed: string;
}
