/**
 * The runtime page: the document Sandpack loads as its bundler. It speaks
 * Sandpack's protocol with the docs page, compiles the files, and runs them
 * in an opaque-origin worker (see session.ts). No sandbox code ever runs in
 * this document, which shares the docs site's origin.
 */
import bootstrapURL from '../sandbox/entry.ts?worker&url';
import type {
  ClientToRuntime,
  OutputEntry,
  RegisterFrameMessage,
  RuntimeEvent,
  SandpackErrorFrame,
  SandpackModules,
  SourceLocation,
} from '../protocol';
import { compileProgram, type CompileFailure } from './compile';
import { prepareWorker, RunSession } from './session';

let channelId: number | undefined;
let parentOrigin: string | undefined;
let firstCompile = true;
let runCounter = 0;
let session: RunSession | undefined;
/** Newest run and newest check (compile without running): an older one of the same kind yields. */
let latestRun = 0;
let latestCheck = 0;
let spare: Worker | undefined;

function takeWorker(source: string): Worker {
  const worker = spare ?? prepareWorker(source);
  spare = undefined;
  return worker;
}

/** Keeps a prepared main context ready for the next run, but never during one. */
function prepareSpare(source: string): void {
  spare ??= prepareWorker(source);
}

const bootstrapSource: Promise<string> = fetch(bootstrapURL).then((response) => {
  if (!response.ok) throw new Error(`Runtime bootstrap missing: HTTP ${response.status}`);
  return response.text();
});

function send(event: RuntimeEvent): void {
  if (event.type !== 'initialized' && channelId === undefined) return;
  window.parent.postMessage({ ...event, codesandbox: true, $id: channelId }, parentOrigin ?? '*');
}

function codeFrame(source: string, line: number): SandpackErrorFrame['_originalScriptCode'] {
  const lines = source.replace(/\n$/, '').split('\n');
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const frame: SandpackErrorFrame['_originalScriptCode'] = [];
  for (let n = first; n <= last; n++) {
    frame.push({ lineNumber: n, content: lines[n - 1] ?? '', highlight: n === line });
  }
  return frame;
}

function clampToFile(location: SourceLocation, modules: SandpackModules): SourceLocation {
  // The editor throws on a line past the end of the document.
  const lineCount = (modules[location.path]?.code ?? '').split('\n').length;
  return { ...location, line: Math.min(Math.max(1, location.line), lineCount) };
}

function showError(
  title: string,
  message: string,
  where: SourceLocation | undefined,
  modules: SandpackModules,
): void {
  if (!where || !(where.path in modules)) {
    send({ type: 'action', action: 'show-error', title, message, payload: {} });
    return;
  }
  const location = clampToFile(where, modules);
  const source = modules[location.path]?.code ?? '';
  if (title === 'SyntaxError') {
    send({
      type: 'action',
      action: 'show-error',
      title,
      message: `${location.path}: ${message} (${location.line}:${location.column})`,
      path: location.path,
      line: location.line,
      column: location.column,
      payload: {},
    });
    return;
  }
  send({
    type: 'action',
    action: 'show-error',
    title,
    message,
    path: location.path,
    line: location.line,
    column: location.column,
    payload: {
      frames: [
        {
          _originalFileName: location.path,
          _originalLineNumber: location.line,
          _originalColumnNumber: location.column,
          _originalScriptCode: codeFrame(source, location.line),
        },
      ],
    },
  });
}

function compileErrorEntry(error: CompileFailure, modules: SandpackModules): OutputEntry {
  const { path, line, column } = error.location;
  const frame = codeFrame(modules[path]?.code ?? '', line)
    .map((l) => {
      const gutter = `${l.highlight ? '>' : ' '} ${String(l.lineNumber).padStart(3)} | `;
      const caret = l.highlight
        ? `\n${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, column - 1))}^`
        : '';
      return `${gutter}${l.content}${caret}`;
    })
    .join('\n');
  return {
    method: 'error',
    id: `compile:${Date.now()}:${runCounter}`,
    data: [`${error.title}: ${error.message}\n    at ${path}:${line}:${column}\n\n${frame}`],
    stream: 'stderr',
    source: 'main',
    at: 0,
  };
}

async function compileAndMaybeRun(modules: SandpackModules, run: boolean): Promise<void> {
  // A check never cancels a run: Sandpack recompiles after edits on its own
  // schedule, which may land while a Run is compiling.
  const token = run ? ++latestRun : ++latestCheck;
  const superseded = (): boolean => token !== (run ? latestRun : latestCheck);
  // The previous run ends now, not after compiling: none of its output may follow.
  if (run) session?.stop();
  const isFirst = firstCompile;
  firstCompile = false;
  send({ type: 'start', firstLoad: isFirst });
  const result = await compileProgram(modules);
  if (superseded()) return;
  if (!result.ok) {
    const { error } = result;
    if (run) {
      session?.stop();
      const runId = ++runCounter;
      send({ type: 'sandbox/run-state', runId, state: 'error', elapsed: 0, dropped: 0 });
      send({ type: 'console', log: [compileErrorEntry(error, modules)] });
    }
    showError(
      error.title === 'SyntaxError' ? 'SyntaxError' : error.title,
      error.message,
      error.location,
      modules,
    );
    send({ type: 'done', compilatonError: true });
    return;
  }
  send({ type: 'success' });
  if (run) {
    session?.stop();
    const runId = ++runCounter;
    let errorShown = false;
    const source = await bootstrapSource;
    if (superseded()) return;
    session = new RunSession(result.program, result.entry, source, {
      output: (entries) => {
        send({ type: 'console', log: entries });
      },
      error: (report) => {
        if (!errorShown) {
          errorShown = true;
          showError(report.name, report.message, report.location, modules);
        }
      },
      state: (state, elapsed, dropped) => {
        send({ type: 'sandbox/run-state', runId, state, elapsed, dropped });
        if (state !== 'running') prepareSpare(source);
      },
    });
    session.start(takeWorker(source));
  } else {
    prepareSpare(await bootstrapSource);
  }
  // `done` tells Sandpack the code was compiled and started, so edits keep
  // flowing while a long program runs; the run's own end is `sandbox/run-state`.
  send({ type: 'done', compilatonError: false });
}

function isRegisterFrame(data: unknown): data is RegisterFrameMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'register-frame'
  );
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window.parent) return;
  const data = event.data;
  if (isRegisterFrame(data)) {
    channelId ??= data.id;
    parentOrigin ??= data.origin;
    return;
  }
  if (parentOrigin !== undefined && event.origin !== parentOrigin) return;
  if (typeof data !== 'object' || data === null || !('codesandbox' in data)) return;
  const message = data as ClientToRuntime;
  switch (message.type) {
    case 'compile':
      void compileAndMaybeRun(message.modules, !message.skipEval);
      break;
    case 'sandbox/run':
      void compileAndMaybeRun(message.modules, true);
      break;
    case 'sandbox/stop':
      session?.stop();
      break;
  }
});

send({ type: 'initialized', url: document.location.href });
