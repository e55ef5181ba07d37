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
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { runtimeURL, sendToRuntime } from '../../../runtime/client';
import {
  isRuntimeMessage,
  OUTPUT_HEAD_LIMIT,
  TEST_HOOKS_PARAM,
  type OutputEntry,
  type SandpackModules,
} from '../../../runtime/protocol';
import { droppedNotice, transcriptOf } from '../../../runtime/transcript';
import type { SandboxData } from '../shared/data';
import { findMismatch, parseExpected } from '../shared/expected';
import { useCrash } from './EditorBoundary';
import { errorLineExtensions, errorLineSpec } from './error-line';
import {
  initialMachine,
  isBusy,
  PING_INTERVAL,
  runtimeNotice,
  step,
  type Effect,
  type Machine,
  type MachineEvent,
  type RuntimeNotice,
  type SandboxState,
} from './machine';
import { safeStorage, storageKey } from './persist';
import { sharedPayloadFor } from './hash';
import { chooseStart, type Start } from './restore';
import { ShareControls } from './ShareControls';
import { useSavedEdits, type Persistence } from './useSavedEdits';
import { sandboxTheme } from './theme';
import './sandbox.css';

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

/**
 * Keeps the sandbox's machine (machine.ts) and performs its effects with
 * whatever `perform` is at the time. Effects run synchronously after each
 * event, so a run is sent exactly when the machine says so.
 */
function useMachine(
  initial: () => [Machine, Effect[]],
  perform: (effect: Effect, send: (event: MachineEvent) => void) => void,
): [Machine, (event: MachineEvent) => void] {
  const [start] = useState(initial);
  const current = useRef(start[0]);
  const [machine, setMachine] = useState(start[0]);
  const performer = useRef(perform);
  useLayoutEffect(() => {
    performer.current = perform;
  });
  const send = useCallback(function send(event: MachineEvent): void {
    const [next, effects] = step(current.current, event);
    current.current = next;
    setMachine(next);
    for (const effect of effects) performer.current(effect, send);
  }, []);
  const startEffects = useRef(start[1]);
  useEffect(() => {
    // A Run click that loaded the editor: its run starts once, on mount.
    const effects = startEffects.current;
    startEffects.current = [];
    for (const effect of effects) performer.current(effect, send);
  }, [send]);
  return [machine, send];
}

/** Whether the element is on screen in a visible page: the watchdog counts only then. */
function useVisible(element: RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(false);
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const target = element.current;
    if (!target) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1);
        if (last) setInView(last.isIntersecting);
      },
      { threshold: 0 },
    );
    observer.observe(target);
    const onVisibility = (): void => {
      setPageVisible(document.visibilityState === 'visible');
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [element]);
  return inView && pageVisible;
}

function Cell({
  data,
  runNow,
  onStateChange,
  onRuntimeReady,
  notice,
  start,
  persistence,
}: CellProps) {
  const { sandpack, dispatch, listen } = useSandpack();
  const crash = useCrash();
  const [testCrash, setTestCrash] = useState(false);
  if (testCrash) throw new Error('Test crash');
  const saved = useSavedEdits(data, start, persistence);
  const { iframe } = useSandpackClient();
  const cell = useRef<HTMLDivElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const codeEditor = useRef<CodeEditorRef>(null);
  const expected = useMemo(() => parseExpected(data.expected), [data.expected]);
  const { runSandpack, status, activeFile, files } = sandpack;

  const [machine, send] = useMachine(
    () =>
      runNow
        ? step(initialMachine(), { type: 'run', now: performance.now() })
        : [initialMachine(), []],
    (effect, send) => {
      switch (effect.type) {
        case 'start-runtime':
        case 'reload-runtime':
          // Loads the runtime page (Sandpack's client) without running
          // anything: its first compile only prepares a worker. Called again
          // (Reload sandbox), it replaces the frame and keeps the files.
          runSandpack().catch(() => {
            send({ type: 'runtime-failed' });
          });
          break;
        case 'send-run': {
          const modules: SandpackModules = Object.fromEntries(
            Object.entries(files).map(([path, file]) => [path, { code: file.code, path }]),
          );
          sendToRuntime(dispatch, { type: 'sandbox/run', modules });
          break;
        }
        case 'send-stop':
          sendToRuntime(dispatch, { type: 'sandbox/stop' });
          break;
        case 'send-ping':
          sendToRuntime(dispatch, { type: 'sandbox/ping', id: effect.id });
          break;
      }
    },
  );
  const { state, entries, dropped, elapsed } = machine;

  /**
   * The runtime frame loads when the reader looks at this sandbox or reaches
   * for it: that hides its ~300 ms start behind the pointer's travel, while
   * sandboxes merely scrolled past cost no runtime frame.
   */
  const warmUp = useCallback(() => {
    send({ type: 'warm-up' });
  }, [send]);

  useEffect(() => {
    // Sandpack gives up on a runtime that never answers; Run tries again.
    if (status === 'timeout') send({ type: 'runtime-failed' });
  }, [status, send]);

  const visible = useVisible(cell);
  useEffect(() => {
    if (visible) warmUp();
  }, [visible, warmUp]);

  const answered = machine.runtime === 'ready' || machine.runtime === 'unresponsive';
  useEffect(() => {
    onRuntimeReady(answered);
  }, [answered, onRuntimeReady]);

  const watching = visible && answered;
  useEffect(() => {
    if (!watching) return undefined;
    const beat = (): void => {
      send({ type: 'heartbeat', now: performance.now() });
    };
    beat();
    const timer = setInterval(beat, PING_INTERVAL);
    return () => {
      clearInterval(timer);
      send({ type: 'hidden' });
    };
  }, [watching, send]);

  const busy = isBusy(machine);
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setInterval(() => {
      send({ type: 'tick', now: performance.now() });
    }, 100);
    return () => {
      clearInterval(timer);
    };
  }, [busy, send]);

  useEffect(() => {
    onStateChange(state);
  }, [onStateChange, state]);

  const run = useCallback(() => {
    send({ type: 'run', now: performance.now() });
  }, [send]);

  const stop = useCallback(() => {
    send({ type: 'stop' });
  }, [send]);

  const reload = useCallback(() => {
    send({ type: 'reload' });
  }, [send]);

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
      // Whatever does not fit the protocol is dropped.
      if (!isRuntimeMessage(message)) return;
      switch (message.type) {
        case 'success':
          codeEditor.current?.getCodemirror()?.dispatch(errorLineSpec(undefined));
          break;
        case 'action':
          if (message.path === activeFile && message.line !== undefined) {
            codeEditor.current?.getCodemirror()?.dispatch(errorLineSpec(message.line));
          }
          break;
        case 'done':
          send({ type: 'runtime-ready' });
          break;
        case 'console':
          send({ type: 'console', runId: message.runId, log: message.log });
          break;
        case 'sandbox/pong':
          send({ type: 'pong', id: message.id });
          break;
        case 'sandbox/run-state':
          send({
            type: 'run-state',
            runId: message.runId,
            state: message.state,
            elapsed: message.elapsed,
            dropped: message.dropped,
            internal: message.internal === true,
          });
          break;
        default:
          break;
      }
    },
    [activeFile, send],
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
    if (!root || !new URLSearchParams(location.search).has(TEST_HOOKS_PARAM)) return undefined;
    // Pages opened with ?test-hooks only: `sandbox:test-crash` provokes a
    // render exception, `sandbox:test-hang` (detail: { ms }) hangs the
    // runtime (it stops answering).
    const onTestCrash = (): void => {
      setTestCrash(true);
    };
    const onTestHang = (event: Event): void => {
      const detail: unknown = event instanceof CustomEvent ? event.detail : undefined;
      const ms =
        typeof detail === 'object' && detail !== null && 'ms' in detail ? detail.ms : undefined;
      sendToRuntime(dispatch, {
        type: 'sandbox/test-hang',
        ...(typeof ms === 'number' ? { ms } : {}),
      });
    };
    root.addEventListener('sandbox:test-crash', onTestCrash);
    root.addEventListener('sandbox:test-hang', onTestHang);
    return () => {
      root.removeEventListener('sandbox:test-crash', onTestCrash);
      root.removeEventListener('sandbox:test-hang', onTestHang);
    };
  }, [dispatch]);

  const transcript = useMemo(
    () => transcriptOf(entries, dropped, OUTPUT_HEAD_LIMIT),
    [entries, dropped],
  );
  const finished = state === 'done' || state === 'error';
  const mismatch = finished ? findMismatch(expected, transcript) : undefined;
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
      <NoticeView element={notice} content={runtimeNotice(machine)} onReload={reload} />
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

/** The notice element's hooks: its kind (`data-sandbox-notice`), and hidden when it has none. */
function markNotice(element: HTMLElement, kind: string): void {
  element.dataset.sandboxNotice = kind;
  element.hidden = kind === '';
}

/**
 * The runtime's notice, shown in the sandbox's own notice element (outside
 * the editor, where the page's scripts also write when there is no editor).
 */
function NoticeView({
  element,
  content,
  onReload,
}: {
  element: HTMLElement;
  content: RuntimeNotice | undefined;
  onReload: () => void;
}) {
  const kind = content?.kind ?? '';
  useLayoutEffect(() => {
    markNotice(element, kind);
    return () => {
      markNotice(element, '');
    };
  }, [element, kind]);
  if (!content) return null;
  return createPortal(
    <>
      {content.message}
      <button type="button" data-sandbox-reload onClick={onReload}>
        Reload sandbox
      </button>
    </>,
    element,
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
