/**
 * Taking a sandbox elsewhere: CodeSandbox (its "define" API, the way Sandpack's
 * own Open-in-CodeSandbox button does it), StackBlitz (its SDK, which posts a
 * form), and a zip of the project. The SDK and the zip library load only when
 * a reader asks for them.
 */
import LZString from 'lz-string';
import type { ProjectFiles } from './project';

export const CODESANDBOX_DEFINE = 'https://codesandbox.io/api/v1/sandboxes/define';
export const ENTRY = 'src/index.ts';

/** Sandpack's `getParameters`: lz-string Base64, made URL-safe. */
export function codeSandboxParameters(files: ProjectFiles): string {
  const normalized = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      path.replace(/^\//, ''),
      { content, isBinary: false },
    ]),
  );
  return LZString.compressToBase64(JSON.stringify({ files: normalized, template: 'node' }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The reverse of `codeSandboxParameters` (for tests and debugging). */
export function decodeCodeSandboxParameters(parameters: string): unknown {
  const base64 = parameters.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  return JSON.parse(LZString.decompressFromBase64(padded)) as unknown;
}

function hiddenInput(doc: Document, name: string, value: string): HTMLInputElement {
  const input = doc.createElement('input');
  input.type = 'hidden';
  input.name = name;
  input.value = value;
  return input;
}

/** POSTs the project to CodeSandbox in a new tab (a form: the parameters can be long). */
export function openInCodeSandbox(files: ProjectFiles, doc: Document = document): void {
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = CODESANDBOX_DEFINE;
  form.target = '_blank';
  form.hidden = true;
  form.append(
    hiddenInput(doc, 'parameters', codeSandboxParameters(files)),
    hiddenInput(doc, 'query', new URLSearchParams({ file: `/${ENTRY}` }).toString()),
  );
  doc.body.append(form);
  form.submit();
  form.remove();
}

export async function openInStackBlitz(
  files: ProjectFiles,
  { title, description }: { title: string; description: string },
): Promise<void> {
  const { default: sdk } = await import('@stackblitz/sdk');
  sdk.openProject(
    { title, description, template: 'node', files },
    { newWindow: true, openFile: ENTRY, startScript: 'dev' },
  );
}

/** The project as a zip, every file inside one folder named after the project. */
export async function zipProject(files: ProjectFiles, folder: string): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import('fflate');
  const entries = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [`${folder}/${path}`, strToU8(content)]),
  );
  return zipSync(entries, { level: 6 });
}

/** Saves bytes as a file through a temporary link. */
export function saveFile(bytes: Uint8Array, name: string, type: string, doc: Document = document) {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
