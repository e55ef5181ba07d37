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

export interface CounterpartData {
  /** The command the tests run it with: `python3`, `python3.13`, `node`. */
  command: string;
  code: string[];
  output: string[];
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
  /** The Python counterpart: its interpreter, highlighted code (HTML per line) and what it prints. */
  python?: CounterpartData;
  /** "The same in Node": counterpart.node.ts, run by the project's Node. */
  node?: CounterpartData;
  /** An exercise (sandbox.json `exercise`): `expected` is its goal. */
  exercise?: {
    /** Hints as HTML (inline code only), gentlest first. */
    hints: string[];
    /** The solution's files: the code to put in the editor, and its highlighted lines. */
    solution: { path: string; code: string; lines: string[] }[];
  };
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
