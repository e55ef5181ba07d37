/** One file of a demo as the editor and the page show it. */
export interface DemoFile {
  /** Sandpack path, e.g. "/index.ts". */
  path: string;
  code: string;
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
  /** Path (with the base) of the guide page the sandbox belongs to, e.g. "/sync-vs-async/". */
  page: string;
  /** Path (with the base) of the sandbox's embed page. */
  embed: string;
}
