/**
 * The live sandbox: the same component the server renders (view/), with
 * Sandpack's editor in the code slot, the runtime behind Run and Stop, the
 * output compared with the expected output, and the Share menu.
 */
import {
  SandpackCodeEditor,
  SandpackProvider,
  useSandpack,
  useSandpackClient,
  type CodeEditorRef,
  type SandpackFiles,
  type SandpackState,
} from '@codesandbox/sandpack-react';
import { EditorView } from '@codemirror/view';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { runtimeURL, sendToRuntime } from '../../../runtime/client';
import {
  isRuntimeMessage,
  OUTPUT_HEAD_LIMIT,
  TEST_HOOKS_PARAM,
  type SandpackModules,
  type StepLocation,
} from '../../../runtime/protocol';
import type { SandboxData } from '../shared/data';
import { errorLocation, outputLines, verdictOf, type OutputTab } from '../view/model';
import { fileLabel, SandboxView } from '../view/SandboxView';
import { useCrash } from './EditorBoundary';
import { errorLineExtensions, errorLineSpec, typeErrorExtension } from './error-line';
import {
  initialMachine,
  isBusy,
  machineEventOf,
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
import type { QuickRun } from './quick-run';
import { chooseStart, type Start } from './restore';
import { useShareMenu } from './ShareMenu';
import { useSavedEdits, type Persistence } from './useSavedEdits';
import { useTimeline } from './useTimeline';
import { useStepper } from './useStepper';
import { stepLineExtensions, stepLineSpec } from './step-line';
import { checkGuess, type PuzzleVerdict } from '../view/puzzle';
import { isSolved, rememberSolved, solvedKey } from './solved';
import { sandboxTheme } from './theme';

/** What the reader had chosen on the server's render before the editor took over. */
export interface StaticChoices {
  activeFile: string;
  tab: OutputTab;
  expanded: boolean;
  shareOpen: boolean;
  timelineOpen: boolean;
  stepperOpen: boolean;
  /** The puzzle's guess as typed on the server's render, and its check. */
  guess: string;
  guessResult: PuzzleVerdict | undefined;
  /** The server's code as it was on screen, shown until CodeMirror has measured itself. */
  codeSnapshot: string;
  /** An exercise's open hints and solution, and "put the solution in the editor" pressed. */
  hintsOpen: number;
  solutionOpen: boolean;
  solutionRequested: boolean;
}

interface EditorProps {
  data: SandboxData;
  root: HTMLElement;
  runNow: boolean;
  /** A run started before the editor loaded, taken over as it is. */
  early: QuickRun | undefined;
  choices: StaticChoices;
  /** Mirrors the state onto the server-rendered root (data-state), for tests and styling. */
  onStateChange: (state: SandboxState) => void;
  /** The runtime page has loaded and answered (data-runtime="ready"), or is being rebuilt. */
  onRuntimeReady: (ready: boolean) => void;
  /** The sandbox's notice element (server-rendered, `[data-sandbox-notice]`). */
  notice: HTMLElement;
}

/** The editor's files as the runtime takes them (Run and Step through send the same). */
function modulesOf(files: SandpackState['files']): SandpackModules {
  return Object.fromEntries(
    Object.entries(files).map(([path, file]) => [path, { code: file.code, path }]),
  );
}

/** How long Undo stays offered after Reset. */
const UNDO_FOR = 10_000;

export function SandboxEditor(props: EditorProps) {
  const { data } = props;
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
        activeFile: props.choices.activeFile,
        visibleFiles: data.files.filter((file) => !file.hidden).map((file) => file.path),
      }}
    >
      <Cell
        {...props}
        runNow={props.runNow && generation === 0 && start.mode !== 'shared'}
        early={generation === 0 ? props.early : undefined}
        start={start}
        persistence={persistence}
      />
    </SandpackProvider>
  );
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
function useVisible(target: HTMLElement): boolean {
  const [inView, setInView] = useState(false);
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
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
  }, [target]);
  return inView && pageVisible;
}

/**
 * True until CodeMirror has drawn and measured itself. Its first layout
 * places line numbers with an estimated line height and moves them a frame
 * later; until then the editor stays invisible (invisible boxes do not count
 * as layout shifts) under a copy of the server's code.
 */
function useFirstMeasure(editor: RefObject<CodeEditorRef | null>): boolean {
  const [measuring, setMeasuring] = useState(true);
  useEffect(() => {
    let frame = 0;
    let frames = 0;
    const wait = (): void => {
      // Two frames after the view exists: its measure cycle has run.
      if (editor.current?.getCodemirror()) frames++;
      if (frames >= 2) setMeasuring(false);
      else frame = requestAnimationFrame(wait);
    };
    frame = requestAnimationFrame(wait);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [editor]);
  return measuring;
}

/** The early run's machine, while there is one. */
function useEarly(early: QuickRun | undefined): Machine | undefined {
  const subscribe = useCallback(
    (listener: () => void) => early?.subscribe(listener) ?? (() => undefined),
    [early],
  );
  return useSyncExternalStore(subscribe, () => early?.machine());
}

function Cell({
  data,
  root,
  runNow,
  early,
  choices,
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
  const codeEditor = useRef<CodeEditorRef>(null);
  const { runSandpack, status, activeFile, files, visibleFiles } = sandpack;
  const [tab, setTab] = useState<OutputTab>(choices.tab);
  const [expanded, setExpanded] = useState(choices.expanded);
  const [undo, setUndo] = useState<Record<string, string> | undefined>();
  const measuring = useFirstMeasure(codeEditor);
  const share = useShareMenu(data, choices.shareOpen);
  const [timelineOpen, setTimelineOpen] = useState(choices.timelineOpen);
  const timelineRef = useRef<HTMLDivElement>(null);
  const [stepperOpen, setStepperOpen] = useState(choices.stepperOpen);
  const stepperRef = useRef<HTMLDivElement>(null);
  const [stepAt, setStepAt] = useState<StepLocation | undefined>();
  const [guess, setGuess] = useState(choices.guess);
  const [guessResult, setGuessResult] = useState(choices.guessResult);

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
          sendToRuntime(dispatch, { type: 'sandbox/run', modules: modulesOf(files) });
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

  // A run from before the editor is on screen until this editor runs.
  const earlyMachine = useEarly(early);
  const ownRunStarted = machine.state !== 'idle' || machine.shownRun > 0;
  const shown = earlyMachine && !ownRunStarted ? earlyMachine : machine;
  const { state, entries, dropped, elapsed } = shown;
  useTimeline(timelineRef, timelineOpen, shown, { id: data.id, title: data.title });
  const receiveSteps = useStepper(stepperRef, stepperOpen && data.stepper, {
    id: data.id,
    title: data.title,
    ready: machine.runtime === 'ready',
    record: (requestId) => {
      sendToRuntime(dispatch, { type: 'sandbox/step', id: requestId, modules: modulesOf(files) });
    },
    locate: setStepAt,
  });

  useEffect(() => {
    early?.handOver();
  }, [early]);
  useEffect(() => {
    if (ownRunStarted) early?.dispose();
  }, [early, ownRunStarted]);
  useEffect(() => () => early?.dispose(), [early]);

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

  const visible = useVisible(root);
  useEffect(() => {
    if (visible || stepperOpen) warmUp();
  }, [visible, stepperOpen, warmUp]);

  useEffect(() => {
    root.addEventListener('pointerdown', warmUp);
    root.addEventListener('focusin', warmUp);
    return () => {
      root.removeEventListener('pointerdown', warmUp);
      root.removeEventListener('focusin', warmUp);
    };
  }, [root, warmUp]);

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

  // Every run shows its output.
  const running = state === 'loading' || state === 'running';
  const [wasRunning, setWasRunning] = useState(running);
  if (running !== wasRunning) {
    setWasRunning(running);
    if (running) setTab('output');
  }

  const markError = useCallback((line: number | undefined) => {
    codeEditor.current?.getCodemirror()?.dispatch(errorLineSpec(line));
  }, []);

  // The step on show, in the editor: its file comes to the front first.
  const setActiveFile = sandpack.setActiveFile;
  const paths = useRef(files);
  useLayoutEffect(() => {
    paths.current = files;
  }, [files]);
  useEffect(() => {
    if (stepAt && stepAt.path !== activeFile && stepAt.path in paths.current) {
      setActiveFile(stepAt.path);
      return;
    }
    const view = codeEditor.current?.getCodemirror();
    if (view) view.dispatch(stepLineSpec(view.state.doc, stepAt));
  }, [stepAt, activeFile, setActiveFile]);

  useEffect(() => {
    const at = early?.errorAt();
    if (at?.path === activeFile) markError(at.line);
  }, [early, earlyMachine?.state, activeFile, markError]);

  const run = useCallback(() => {
    if (early && earlyMachine && isBusy(earlyMachine)) early.stop();
    send({ type: 'run', now: performance.now() });
  }, [send, early, earlyMachine]);

  const stop = useCallback(() => {
    if (!ownRunStarted && early) early.stop();
    else send({ type: 'stop' });
  }, [send, early, ownRunStarted]);

  const reload = useCallback(() => {
    send({ type: 'reload' });
  }, [send]);

  const dirty = sandpack.editorState === 'dirty';
  const reset = useCallback(() => {
    if (!dirty) return;
    setUndo(Object.fromEntries(Object.entries(files).map(([path, file]) => [path, file.code])));
    sandpack.resetAllFiles();
    saved.forget();
  }, [dirty, files, sandpack, saved]);

  const undoReset = useCallback(() => {
    if (!undo) return;
    for (const [path, code] of Object.entries(undo)) sandpack.updateFile(path, code);
    setUndo(undefined);
  }, [undo, sandpack]);

  useEffect(() => {
    if (!undo) return undefined;
    const timer = setTimeout(() => {
      setUndo(undefined);
    }, UNDO_FOR);
    return () => {
      clearTimeout(timer);
    };
  }, [undo]);
  // An edit after Reset is the reader's own: Undo would lose it.
  if (dirty && undo) setUndo(undefined);

  const handle = useCallback(
    (message: unknown) => {
      // Whatever does not fit the protocol is dropped.
      if (!isRuntimeMessage(message)) return;
      switch (message.type) {
        case 'success':
          markError(undefined);
          break;
        case 'action':
          if (message.path === activeFile && message.line !== undefined) markError(message.line);
          break;
        case 'sandbox/steps':
          receiveSteps(message.id, message.trace);
          break;
        default:
          break;
      }
      const event = machineEventOf(message);
      if (event) send(event);
    },
    [activeFile, send, markError, receiveSteps],
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
    if (!new URLSearchParams(location.search).has(TEST_HOOKS_PARAM)) return undefined;
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
  }, [dispatch, root]);

  const lines = useMemo(() => outputLines(entries, dropped, OUTPUT_HEAD_LIMIT), [entries, dropped]);
  const verdict = useMemo(
    () => verdictOf(data.expected, lines, state),
    [data.expected, lines, state],
  );

  // An exercise is solved by a run that prints its goal; this browser remembers it.
  const solvedAt = solvedKey(data.page, data.id);
  const [solved, setSolved] = useState(() => data.exercise !== undefined && isSolved(solvedAt));
  if (data.exercise && verdict?.kind === 'match' && !solved) setSolved(true);
  useEffect(() => {
    if (solved) rememberSolved(solvedAt);
  }, [solved, solvedAt]);
  const putSolution = useCallback(() => {
    for (const file of data.exercise?.solution ?? []) sandpack.updateFile(file.path, file.code);
  }, [data.exercise, sandpack]);
  const solutionRequested = useRef(choices.solutionRequested);
  useEffect(() => {
    if (!solutionRequested.current) return;
    solutionRequested.current = false;
    putSolution();
  }, [putSolution]);

  // A runtime error names its line in the output; the editor marks it.
  useEffect(() => {
    if (state !== 'error') return;
    const stderr = lines.find((line) => line.stream === 'stderr' && errorLocation(line.text));
    const at = stderr && errorLocation(stderr.text);
    if (at?.path === activeFile) markError(at.line);
  }, [state, lines, activeFile, markError]);

  const typeErrors = useMemo(() => typeErrorExtension(data.diagnostics), [data.diagnostics]);
  const extensions = useMemo(
    () => [
      ...errorLineExtensions,
      ...stepLineExtensions,
      typeErrors(activeFile),
      EditorView.contentAttributes.of({
        'aria-label': `${fileLabel(activeFile)} of ${data.title}`,
        // The scroll region's keyboard way in (CodeMirror leaves it implicit).
        tabindex: '0',
      }),
    ],
    [typeErrors, activeFile, data.title],
  );

  const leaveEditor = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      root.querySelector<HTMLElement>('[data-sandbox-run]')?.focus();
    }
  };

  const code = files[activeFile]?.code ?? '';
  const codeLines = code.replace(/\n$/, '').split('\n').length;

  let codeState = saved.notice;
  if (undo) {
    codeState = (
      <>
        <span>Original code restored</span>
        <button type="button" onClick={undoReset}>
          Undo
        </button>
      </>
    );
  } else if (dirty) {
    codeState = (
      <>
        {saved.notice}
        <span className="sandbox-badge">edited</span>
      </>
    );
  }

  return (
    <>
      <NoticeView element={notice} content={runtimeNotice(machine)} onReload={reload} />
      <SandboxView
        id={data.id}
        title={data.title}
        live
        state={state}
        elapsed={elapsed}
        files={visibleFiles}
        activeFile={activeFile}
        onSelectFile={(path) => {
          sandpack.setActiveFile(path);
        }}
        codeLines={codeLines}
        expanded={expanded}
        timelineOpen={timelineOpen}
        timelineRef={timelineRef}
        stepperRef={stepperRef}
        onToggleTimeline={() => {
          setTimelineOpen((was) => !was);
        }}
        stepper={
          data.stepper
            ? {
                open: stepperOpen,
                onToggle: () => {
                  setStepperOpen((was) => !was);
                },
              }
            : undefined
        }
        puzzle={
          data.puzzle
            ? {
                tokens: data.puzzle,
                answer: guess,
                onAnswer: setGuess,
                result: guessResult,
                onCheck: () => {
                  if (data.puzzle) setGuessResult(checkGuess(guess, data.puzzle));
                },
              }
            : undefined
        }
        onToggleExpanded={() => {
          setExpanded((was) => !was);
        }}
        code={
          <div
            className="sandbox-live-code"
            data-measuring={measuring ? '' : undefined}
            onKeyDown={leaveEditor}
            onFocus={() => {
              setExpanded(true);
            }}
          >
            <SandpackCodeEditor
              ref={codeEditor}
              showTabs={false}
              showLineNumbers
              extensions={extensions}
              wrapContent={false}
              closableTabs={false}
              showRunButton={false}
            />
            {measuring && choices.codeSnapshot && (
              <div
                className="sandbox-snapshot"
                aria-hidden="true"
                dangerouslySetInnerHTML={{ __html: choices.codeSnapshot }}
              />
            )}
          </div>
        }
        codeState={codeState}
        tab={tab}
        onSelectTab={setTab}
        lines={lines}
        verdict={verdict}
        expected={data.expectedLines}
        diagnostics={data.diagnostics}
        python={data.python}
        node={data.node}
        exercise={
          data.exercise && {
            hints: data.exercise.hints,
            solution: data.exercise.solution,
            solved,
            solvedKey: solvedAt,
            hintsOpen: choices.hintsOpen,
            solutionOpen: choices.solutionOpen,
            onUseSolution: putSolution,
          }
        }
        onRun={run}
        onStop={stop}
        onReset={reset}
        canReset={dirty}
        runDisabled={false}
        share={share.button}
        overlay={share.overlay}
      />
      <iframe
        ref={iframe}
        className="sandbox-runtime"
        title={`${data.title} runtime`}
        sandbox="allow-scripts allow-same-origin"
        hidden
      />
    </>
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
