/**
 * The live half of a sandbox: Sandpack's editor, Run / Stop / Reset, and the
 * output of the runtime, compared with the expected output.
 */
import {
  SandpackCodeEditor,
  SandpackProvider,
  useSandpack,
  useSandpackClient,
  type CodeEditorRef,
  type SandpackFiles,
} from '@codesandbox/sandpack-react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { runtimeURL, sendToRuntime, toRuntimeEvent } from '../../../runtime/client';
import {
  OUTPUT_HEAD_LIMIT,
  type OutputEntry,
  type SandpackModules,
} from '../../../runtime/protocol';
import { droppedNotice, transcriptOf } from '../../../runtime/transcript';
import type { SandboxData } from '../shared/data';
import { findMismatch, parseExpected } from '../shared/expected';
import { useCrash } from './EditorBoundary';
import { errorLineExtensions, errorLineSpec } from './error-line';
import { safeStorage, storageKey } from './persist';
import { sharedPayloadFor } from './hash';
import { chooseStart, type Start } from './restore';
import { ShareControls } from './ShareControls';
import { useSavedEdits, type Persistence } from './useSavedEdits';
import { sandboxTheme } from './theme';
import './sandbox.css';

export type SandboxState = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'stopped';

interface EditorProps {
  data: SandboxData;
  runNow: boolean;
  /** Mirrors the state onto the server-rendered root (data-state), for tests and styling. */
  onStateChange: (state: SandboxState) => void;
  /** The runtime page has loaded and answered (data-runtime="ready"), or is being rebuilt. */
  onRuntimeReady: (ready: boolean) => void;
  /** The sandbox's notice element (server-rendered, `[data-sandbox-notice]`). */
  notice: HTMLElement;
}

export function SandboxEditor({
  data,
  runNow,
  notice,
  onStateChange,
  onRuntimeReady,
}: EditorProps) {
  const [persistence] = useState<Persistence>(() => {
    const storage = safeStorage();
    const key = storageKey(data.page, data.id, data.files);
    return { storage, key };
  });
  const readStart = useCallback(
    (): Start =>
      chooseStart({
        hash: location.hash,
        page: data.page,
        id: data.id,
        originals: data.files,
        ...persistence,
      }),
    [data.page, data.id, data.files, persistence],
  );
  /** Each change of the share fragment for this sandbox starts a fresh editor (`generation`). */
  const [session, setSession] = useState(() => ({ start: readStart(), generation: 0 }));
  const shownPayload = useRef(sharedPayloadFor(location.hash, data.id));
  useEffect(() => {
    const onHashChange = () => {
      const payload = sharedPayloadFor(location.hash, data.id);
      if (payload === shownPayload.current) return;
      shownPayload.current = payload;
      const start = readStart();
      setSession((previous) => ({ start, generation: previous.generation + 1 }));
    };
    addEventListener('hashchange', onHashChange);
    return () => {
      removeEventListener('hashchange', onHashChange);
    };
  }, [data.id, readStart]);
  const { start, generation } = session;
  const files = useMemo<SandpackFiles>(
    () =>
      Object.fromEntries(
        data.files.map((file) => [file.path, { code: file.code, hidden: file.hidden }]),
      ),
    [data.files],
  );
  return (
    <SandpackProvider
      key={generation}
      files={files}
      customSetup={{ entry: '/index.ts', environment: 'parcel' }}
      theme={sandboxTheme}
      options={{
        bundlerURL: runtimeURL(),
        skipEval: true,
        // The runtime page loads when the reader looks at this sandbox or
        // reaches for it (see `warmUp`), not for every sandbox scrolled past.
        autorun: false,
        autoReload: true,
        recompileMode: 'delayed',
        recompileDelay: 300,
        initMode: 'immediate',
        activeFile: data.activeFile,
        visibleFiles: data.files.filter((file) => !file.hidden).map((file) => file.path),
      }}
    >
      <Cell
        data={data}
        runNow={runNow && generation === 0 && start.mode !== 'shared'}
        onStateChange={onStateChange}
        onRuntimeReady={onRuntimeReady}
        notice={notice}
        start={start}
        persistence={persistence}
      />
    </SandpackProvider>
  );
}

function formatElapsed(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

interface CellProps extends EditorProps {
  start: Start;
  persistence: Persistence;
}

function Cell({ data, runNow, onStateChange, onRuntimeReady, start, persistence }: CellProps) {
  const { sandpack, dispatch, listen } = useSandpack();
  const crash = useCrash();
  const [testCrash, setTestCrash] = useState(false);
  if (testCrash) throw new Error('Test crash');
  const saved = useSavedEdits(data, start, persistence);
  const { iframe } = useSandpackClient();
  const [state, setState] = useState<SandboxState>(runNow ? 'loading' : 'idle');
  const [entries, setEntries] = useState<OutputEntry[]>([]);
  const [dropped, setDropped] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const ready = useRef(false);
  const warming = useRef(false);
  const pendingRun = useRef(false);
  const cell = useRef<HTMLDivElement>(null);
  const runStartedAt = useRef(0);
  /** The runtime's id of the run on screen; messages of older runs are ignored. */
  const shownRun = useRef(0);
  const awaitingRun = useRef(false);
  const runButton = useRef<HTMLButtonElement>(null);
  const codeEditor = useRef<CodeEditorRef>(null);
  const expected = useMemo(() => parseExpected(data.expected), [data.expected]);

  const modules = useCallback((): SandpackModules => {
    return Object.fromEntries(
      Object.entries(sandpack.files).map(([path, file]) => [path, { code: file.code, path }]),
    );
  }, [sandpack.files]);

  const sendRun = useCallback(() => {
    sendToRuntime(dispatch, { type: 'sandbox/run', modules: modules() });
  }, [dispatch, modules]);

  /**
   * Loads the runtime page (Sandpack's client) without running anything: its
   * first compile only prepares a worker. Starting it when the reader looks at
   * the sandbox or reaches for it hides its ~300 ms start behind the pointer's
   * travel, while sandboxes merely scrolled past cost no runtime frame.
   */
  const { runSandpack, status, activeFile } = sandpack;
  const warmUp = useCallback(() => {
    if (warming.current) return;
    warming.current = true;
    runSandpack().catch(crash);
  }, [runSandpack, crash]);

  /** Starts a run; the state that shows it is set by the caller. */
  const startRun = useCallback(() => {
    runStartedAt.current = performance.now();
    awaitingRun.current = true;
    if (ready.current) sendRun();
    else {
      // The run follows the runtime's first `done`.
      pendingRun.current = true;
      if (status === 'timeout') warming.current = false; // the runtime never answered: retry
      warmUp();
    }
  }, [sendRun, status, warmUp]);

  useEffect(() => {
    const element = cell.current;
    if (!element) return undefined;
    // In view (any part of it), not merely near it: the reader is looking at it.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          warmUp();
        }
      },
      { threshold: 0 },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [warmUp]);

  const run = useCallback(() => {
    setEntries([]);
    setDropped(0);
    setElapsed(0);
    setState('loading');
    startRun();
  }, [startRun]);

  const stop = useCallback(() => {
    sendToRuntime(dispatch, { type: 'sandbox/stop' });
  }, [dispatch]);

  const reset = useCallback(() => {
    if (
      sandpack.editorState === 'dirty' &&
      !window.confirm('Discard your changes and restore the original code?')
    ) {
      return;
    }
    sandpack.resetAllFiles();
    saved.forget();
  }, [sandpack, saved]);

  const handle = useCallback(
    (message: unknown) => {
      const event = toRuntimeEvent(message);
      if (!event) return;
      switch (event.type) {
        case 'success':
          codeEditor.current?.getCodemirror()?.dispatch(errorLineSpec(undefined));
          break;
        case 'action':
          if (event.path === activeFile && event.line !== undefined) {
            codeEditor.current?.getCodemirror()?.dispatch(errorLineSpec(event.line));
          }
          break;
        case 'done':
          if (!ready.current) {
            ready.current = true;
            onRuntimeReady(true);
            if (pendingRun.current) {
              pendingRun.current = false;
              sendRun();
            }
          }
          break;
        case 'console':
          if (!awaitingRun.current) setEntries((previous) => [...previous, ...event.log]);
          break;
        case 'sandbox/run-state':
          if (
            event.runId < shownRun.current ||
            (awaitingRun.current && event.runId === shownRun.current)
          )
            break;
          shownRun.current = event.runId;
          awaitingRun.current = false;
          setState(event.state);
          setDropped(event.dropped);
          if (event.state !== 'running') setElapsed(event.elapsed);
          break;
        default:
          break;
      }
    },
    [sendRun, onRuntimeReady, activeFile],
  );

  useEffect(
    () =>
      listen((message) => {
        try {
          handle(message);
        } catch (error) {
          crash(error);
        }
      }),
    [listen, handle, crash],
  );

  useEffect(() => {
    const root = cell.current?.closest<HTMLElement>('[data-sandbox]');
    if (!root || !new URLSearchParams(location.search).has('test-hooks')) return undefined;
    // Tests provoke a render exception with this event (pages opened with ?test-hooks only).
    const onTestCrash = (): void => {
      setTestCrash(true);
    };
    root.addEventListener('sandbox:test-crash', onTestCrash);
    return () => {
      root.removeEventListener('sandbox:test-crash', onTestCrash);
    };
  }, []);

  const startedOnMount = useRef(false);
  useEffect(() => {
    // A Run click that loaded the editor starts its run once, right away.
    if (runNow && !startedOnMount.current) {
      startedOnMount.current = true;
      startRun();
    }
  }, [runNow, startRun]);

  useEffect(() => {
    onStateChange(state);
  }, [onStateChange, state]);

  useEffect(() => {
    if (state !== 'running' && state !== 'loading') return undefined;
    const timer = setInterval(() => {
      setElapsed(performance.now() - runStartedAt.current);
    }, 100);
    return () => {
      clearInterval(timer);
    };
  }, [state]);

  const transcript = useMemo(
    () => transcriptOf(entries, dropped, OUTPUT_HEAD_LIMIT),
    [entries, dropped],
  );
  const finished = state === 'done' || state === 'error';
  const mismatch = finished ? findMismatch(expected, transcript) : undefined;
  const busy = state === 'running' || state === 'loading';
  const lastClear = entries.findLastIndex((entry) => entry.method === 'clear');
  const shown = entries.slice(lastClear + 1);

  const leaveEditor = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      runButton.current?.focus();
    }
  };

  return (
    <div className="sandbox-cell" ref={cell} onPointerDown={warmUp} onFocus={warmUp}>
      <div
        className="sandbox-toolbar"
        role="toolbar"
        aria-label={`${data.title} controls`}
        onPointerEnter={warmUp}
      >
        <button
          ref={runButton}
          type="button"
          className="sandbox-run"
          onClick={run}
          disabled={state === 'loading'}
        >
          Run
        </button>
        <button type="button" onClick={stop} disabled={!busy}>
          Stop
        </button>
        <button type="button" onClick={reset}>
          Reset
        </button>
        {sandpack.editorState === 'dirty' && (
          <span
            className="sandbox-edited"
            title={
              saved.restored
                ? 'Your edits from an earlier visit; Reset restores the original code'
                : undefined
            }
          >
            edited
          </span>
        )}
        <span className="sandbox-status" aria-live="polite">
          {state === 'loading' && 'Starting…'}
          {state === 'running' && `Running ${formatElapsed(elapsed)}`}
          {state === 'done' && `Finished in ${formatElapsed(elapsed)}`}
          {state === 'error' && 'Stopped by an error'}
          {state === 'stopped' && `Stopped after ${formatElapsed(elapsed)}`}
        </span>
        <ShareControls data={data} />
      </div>
      {saved.notice}
      <div className="sandbox-editor" onKeyDown={leaveEditor}>
        <FileTabs label={`${data.title}: files`} />
        <SandpackCodeEditor
          ref={codeEditor}
          showTabs={false}
          showLineNumbers
          extensions={errorLineExtensions}
          wrapContent
          closableTabs={false}
        />
      </div>
      <iframe
        ref={iframe}
        className="sandbox-runtime"
        title={`${data.title} runtime`}
        sandbox="allow-scripts allow-same-origin"
        hidden
      />
      <div className="sandbox-output-label" id={`${data.id}-output-label`}>
        Output
      </div>
      <div
        className="sandbox-output"
        role="log"
        aria-labelledby={`${data.id}-output-label`}
        tabIndex={0}
        data-sandbox-output
      >
        {shown.map((entry, index) => (
          <Line
            key={entry.id}
            entry={entry}
            notice={dropped > 0 && index === OUTPUT_HEAD_LIMIT ? dropped : 0}
          />
        ))}
        {dropped > 0 && shown.length <= OUTPUT_HEAD_LIMIT && (
          <div className="sandbox-line sandbox-notice">{droppedNotice(dropped)}</div>
        )}
        {state === 'idle' && shown.length === 0 && (
          <span className="sandbox-placeholder">Press Run to see the output.</span>
        )}
      </div>
      {mismatch && (
        <p className="sandbox-mismatch" data-sandbox-mismatch>
          Differs from the expected output at line {mismatch.line}: expected{' '}
          <code>{mismatch.expected}</code>, got <code>{mismatch.actual}</code>.
        </p>
      )}
    </div>
  );
}

function Line({ entry, notice }: { entry: OutputEntry; notice: number }) {
  return (
    <>
      {notice > 0 && <div className="sandbox-line sandbox-notice">{droppedNotice(notice)}</div>}
      <div
        className={`sandbox-line sandbox-${entry.method} sandbox-${entry.stream}`}
        data-source={entry.source === 'main' ? undefined : entry.source}
      >
        {entry.data[0]}
      </div>
    </>
  );
}

/**
 * File tabs following the ARIA tabs pattern. Sandpack's own tabs put a button
 * inside an element with role="tab" (nested interactive controls), which
 * screen readers announce badly and axe rejects.
 */
function FileTabs({ label }: { label: string }) {
  const { sandpack } = useSandpack();
  const files = sandpack.visibleFiles;
  if (files.length < 2) return null;
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = files.indexOf(sandpack.activeFile);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = files[(index + step + files.length) % files.length];
    if (next) {
      sandpack.setActiveFile(next);
      event.currentTarget
        .querySelector<HTMLButtonElement>(`[data-file="${CSS.escape(next)}"]`)
        ?.focus();
    }
  };
  return (
    <div className="sandbox-tabs" role="tablist" aria-label={label} onKeyDown={move}>
      {files.map((file) => {
        const active = file === sandpack.activeFile;
        return (
          <button
            key={file}
            type="button"
            role="tab"
            data-file={file}
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            className="sandbox-tab"
            onClick={() => {
              sandpack.setActiveFile(file);
            }}
          >
            {file.slice(1)}
          </button>
        );
      })}
    </div>
  );
}
