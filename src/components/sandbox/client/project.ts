/**
 * A sandbox as a standalone, runnable Vite + TypeScript project: what
 * "Download", "Open in CodeSandbox" and "Open in StackBlitz" hand over.
 * The sandbox files go under src/ unchanged (worker files included:
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`
 * works in Vite as is); index.html shows the console output on the page.
 */

export interface ProjectSource {
  /** Sandbox id, used for the package name and the zip's file name. */
  id: string;
  title: string;
  /** Absolute URL of the guide section the sandbox comes from. */
  sectionURL: string;
  /** Sandbox files keyed by Sandpack path ("/index.ts"). */
  files: Readonly<Record<string, string>>;
}

/** Project path → text content. */
export type ProjectFiles = Record<string, string>;

/** The scaffold every project has besides the sandbox files under src/. */
export const SCAFFOLD = [
  'package.json',
  'index.html',
  'tsconfig.json',
  'vite.config.ts',
  'README.md',
] as const;

export const VITE_VERSION = '^8.0.0';
export const TYPESCRIPT_VERSION = '~5.9.3';

function escapeHTML(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function packageName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `sandbox-${name || 'demo'}`;
}

/** Mirrors console output of the main thread onto the page, before the program starts. */
const CONSOLE_ON_PAGE = `
      const output = document.getElementById('output');
      const show = (value) => {
        if (typeof value === 'string') return value;
        if (value instanceof Error) return value.stack ?? String(value);
        try {
          return JSON.stringify(value) ?? String(value);
        } catch {
          return String(value);
        }
      };
      const print = (method, args) => {
        const line = document.createElement('div');
        line.className = method;
        line.textContent = args.map(show).join(' ');
        output.append(line);
      };
      for (const method of ['log', 'info', 'debug', 'warn', 'error']) {
        const original = console[method].bind(console);
        console[method] = (...args) => {
          original(...args);
          print(method, args);
        };
      }
      addEventListener('error', (event) => print('error', [event.error ?? event.message]));
      addEventListener('unhandledrejection', (event) => {
        print('error', ['Uncaught (in promise)', event.reason]);
      });`;

export function projectFiles(source: ProjectSource): ProjectFiles {
  const title = source.title;
  const name = packageName(source.id);
  const files: ProjectFiles = {};
  files['package.json'] = `${JSON.stringify(
    {
      name,
      private: true,
      version: '0.0.0',
      type: 'module',
      description: title,
      scripts: {
        dev: 'vite',
        build: 'vite build',
        preview: 'vite preview',
        typecheck: 'tsc --noEmit',
      },
      devDependencies: {
        typescript: TYPESCRIPT_VERSION,
        vite: VITE_VERSION,
      },
    },
    null,
    2,
  )}\n`;
  files['index.html'] = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHTML(title)}</title>
    <style>
      :root {
        color-scheme: light dark;
        font-family: system-ui, sans-serif;
      }
      body {
        margin: 2rem auto;
        max-width: 50rem;
        padding: 0 1rem;
      }
      #output {
        font-family: ui-monospace, monospace;
        white-space: pre-wrap;
        padding: 0.75rem;
        border: 1px solid #8884;
        border-radius: 0.25rem;
        min-height: 2rem;
      }
      #output .warn {
        color: #b36b00;
      }
      #output .error {
        color: #d1244a;
      }
    </style>
  </head>
  <body>
    <h1>${escapeHTML(title)}</h1>
    <p>
      The program in <code>src/index.ts</code> runs when the page loads; its console output appears
      below. Output printed inside workers appears in the browser's developer console.
    </p>
    <pre id="output" aria-label="Console output"></pre>
    <script type="module">${CONSOLE_ON_PAGE}
    </script>
    <script type="module" src="/src/index.ts"></script>
  </body>
</html>
`;
  files['tsconfig.json'] = `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable', 'WebWorker.ImportScripts'],
        types: ['vite/client'],
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        isolatedModules: true,
        skipLibCheck: true,
      },
      include: ['src'],
    },
    null,
    2,
  )}\n`;
  files['vite.config.ts'] = `import { defineConfig } from 'vite';

// Cross-origin isolation, as on the guide's site: without it browsers leave out
// SharedArrayBuffer (shared memory between workers) and precise timers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Top-level await in the program and in workers.
  build: { target: 'es2022' },
  // Workers are ES modules, as in the sandbox.
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
`;
  const fileList = Object.keys(source.files)
    .map((path) => `- \`src${path}\``)
    .join('\n');
  files['README.md'] = `# ${title}

A runnable copy of a sandbox from the guide section
<${source.sectionURL}>.

${fileList}

## Run it

\`\`\`sh
npm install
npm run dev
\`\`\`

Open the address Vite prints (usually http://localhost:5173/). The program runs when the page
loads and its console output appears on the page; output printed inside workers shows up in the
browser's developer console. Edit the files under \`src/\` and the page reloads.

\`npm run build\` writes a static site to \`dist/\`, and \`npm run typecheck\` runs the TypeScript
compiler.

In the guide the program runs inside a Web Worker; here \`src/index.ts\` runs on the page's main
thread, so a long busy loop freezes the page until it ends. \`Atomics.wait\` throws on the main
thread in both places, as browsers require.

\`vite.config.ts\` makes the dev and preview servers send the two headers that make the page
cross-origin isolated, which \`SharedArrayBuffer\` needs. Wherever you host \`dist/\`, send them
too: \`Cross-Origin-Opener-Policy: same-origin\` and \`Cross-Origin-Embedder-Policy: require-corp\`.
`;
  for (const [path, code] of Object.entries(source.files)) {
    files[`src/${path.replace(/^\/+/, '')}`] = code;
  }
  return files;
}
