import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codeSandboxParameters, decodeCodeSandboxParameters, zipProject } from './fork';
import { packageName, projectFiles, SCAFFOLD } from './project';

const source = {
  id: 'worker-pool',
  title: 'A pool of <workers> & "threads"',
  sectionURL: 'https://example.org/parallelism/#worker-pool',
  files: {
    '/index.ts':
      "const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });\n",
    '/worker.ts': 'self.onmessage = () => {};\n',
  },
};

describe('forks', () => {
  it('build a Vite project: the sandbox files under src/, plus the scaffold', () => {
    const files = projectFiles(source);
    expect(Object.keys(files).sort()).toEqual(
      [...SCAFFOLD, 'src/index.ts', 'src/worker.ts'].sort(),
    );
    expect(files['src/index.ts']).toBe(source.files['/index.ts']);
    const pkg = JSON.parse(files['package.json'] ?? '') as {
      name: string;
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.name).toBe('sandbox-worker-pool');
    expect(pkg.scripts).toMatchObject({ dev: 'vite', build: 'vite build' });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['typescript', 'vite']);
    expect(files['index.html']).toContain('<script type="module" src="/src/index.ts"></script>');
    expect(files['index.html']).toContain('A pool of &lt;workers&gt; &amp; &quot;threads&quot;');
    expect(files['README.md']).toContain(source.sectionURL);
    expect(packageName('Odd id!')).toBe('sandbox-odd-id-');
  });

  it('encode CodeSandbox parameters the way Sandpack does, URL-safe and reversible', () => {
    const files = projectFiles(source);
    const parameters = codeSandboxParameters(files);
    expect(parameters).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeCodeSandboxParameters(parameters) as {
      template: string;
      files: Record<string, { content: string; isBinary: boolean }>;
    };
    expect(decoded.template).toBe('node');
    expect(
      Object.fromEntries(Object.entries(decoded.files).map(([path, file]) => [path, file.content])),
    ).toEqual(files);
  });

  it('zip the project inside one folder', async () => {
    const zip = await zipProject(projectFiles(source), 'sandbox-worker-pool');
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toContain('sandbox-worker-pool/src/worker.ts');
    expect(strFromU8(entries['sandbox-worker-pool/src/index.ts'] ?? new Uint8Array())).toBe(
      source.files['/index.ts'],
    );
  });
});
