/**
 * The one sandbox component, drawn the same way by the server (no editor,
 * highlighted code) and by the live editor (CodeMirror in the code slot):
 * going live changes nothing but the caret. Every part has a fixed place, so
 * nothing moves while a reader runs, edits, shares or stops:
 *
 *   header     title · Run Stop Reset Share · tools (Timeline, Step through)
 *   files      file tabs · what the code is (edited, shared, restored + Undo)
 *   code       grows with the program up to CODE_LINES_SHOWN lines, then "Show all"
 *   puzzle     "Predict the order": the reader's guess and its check (puzzle sandboxes)
 *   stepper    the run recorded step by step, when the reader opens it (stepper/)
 *   timeline   the run on screen drawn in time, when the reader opens it (timeline/live/)
 *   output     Output | Expected | TypeScript | Python | Node, sized for the expected output
 *   status     "Finished in 1.1 s" · "Matches the expected output"
 *   exercise   the goal, "Solved", hints one at a time, the solution (exercises)
 *
 * Presentational only: state and handlers come from the caller. The server
 * render has no handlers; the page's activation script (client/activate.ts)
 * finds its controls by their `data-sandbox-*` hooks.
 */
import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { typeErrorLines } from '../shared/diagnostics';
import type { PuzzleVerdict } from './puzzle';
import {
  CODE_LINES_SHOWN,
  statusText,
  verdictMark,
  verdictText,
  type OutputLine,
  type OutputTab,
  type Verdict,
  type ViewState,
} from './model';

/** The same program in another language, shown beside the sandbox (never run in the page). */
export interface Counterpart {
  /** The command the tests run it with: `python3`, `python3.13`, `node`. */
  command: string;
  /** Highlighted HTML, one string per line. */
  code: readonly string[];
  output: readonly string[];
}

/** An exercise: hints revealed one at a time, the solution behind a disclosure. */
export interface ExerciseProps {
  /** Hints as HTML (inline code only), gentlest first. */
  hints: readonly string[];
  /** The solution's files, highlighted HTML per line. */
  solution: readonly { path: string; lines: readonly string[] }[];
  /** The reader ran a program that printed the goal (remembered in this browser). */
  solved: boolean;
  /** Where "solved" is remembered (client/solved.ts), read by the page's script. */
  solvedKey: string;
  /** How many hints are open (the static page's disclosures carry over to the editor). */
  hintsOpen?: number;
  solutionOpen?: boolean;
  /** Live editor only: puts the solution in the editor (Reset brings the start back). */
  onUseSolution?: () => void;
}

export interface SandboxViewProps {
  id: string;
  title: string;
  live: boolean;
  state: ViewState;
  elapsed: number;
  /** Files the reader sees, in order. */
  files: readonly string[];
  activeFile: string;
  onSelectFile?: (path: string) => void;
  /** Lines of the active file as shown. */
  codeLines: number;
  expanded: boolean;
  onToggleExpanded?: () => void;
  /** The static files, or the live editor. */
  code: ReactNode;
  /** Whether the code is the original: "edited", "shared code", "restored · Undo". */
  codeState?: ReactNode;
  tab: OutputTab;
  onSelectTab?: (tab: OutputTab) => void;
  lines: readonly OutputLine[];
  verdict?: Verdict | undefined;
  expected: readonly string[];
  diagnostics: readonly string[];
  python?: Counterpart | undefined;
  /** "The same in Node" (counterpart.node.ts). */
  node?: Counterpart | undefined;
  /** Set on exercises (sandbox.json `exercise`). */
  exercise?: ExerciseProps | undefined;
  onRun?: () => void;
  onStop?: () => void;
  onReset?: () => void;
  canReset: boolean;
  runDisabled?: boolean;
  /** The Share button and its menu. */
  share: ReactNode;
  /** Views later features add (Step through, Hints, Solution), after Timeline. */
  tools?: ReactNode;
  /** Whether the Timeline is open; its content is drawn into `timelineRef` by timeline/live/. */
  timelineOpen: boolean;
  onToggleTimeline?: () => void;
  timelineRef?: Ref<HTMLDivElement>;
  /**
   * Set on sandboxes that offer "Step through" (sandbox.json `stepper`):
   * whether it is open; its content is drawn into `stepperRef` by stepper/.
   */
  stepper?: { open: boolean; onToggle?: () => void } | undefined;
  stepperRef?: Ref<HTMLDivElement>;
  /** A "Predict the order" puzzle: the lines' first words, and the reader's answer so far. */
  puzzle?: PuzzleProps | undefined;
  /** Overlays anchored to the header (share panels, feedback). */
  overlay?: ReactNode;
}

const TAB_LABELS: Record<OutputTab, string> = {
  output: 'Output',
  expected: 'Expected',
  types: 'TypeScript',
  python: 'Python',
  node: 'Node',
};

export function fileLabel(path: string): string {
  return path.replace(/^\//, '');
}

/** Ids of the parts tabs and labels point at. */
export function partId(id: string, part: string): string {
  return `${id}--${part}`;
}

/** Arrow keys move between tabs (the ARIA tabs pattern); returns the tab to select. */
function arrowTarget(event: KeyboardEvent<HTMLElement>): HTMLElement | undefined {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (!step) return undefined;
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const index = tabs.findIndex((tab) => tab === document.activeElement);
  const next = tabs[(index + step + tabs.length) % tabs.length];
  if (!next) return undefined;
  event.preventDefault();
  next.focus();
  return next;
}

export interface PuzzleProps {
  /** The first word of each line, in the order the program prints them. */
  tokens: readonly string[];
  /** What the reader typed (live editor: controlled). */
  answer?: string;
  onAnswer?: (answer: string) => void;
  /** The check's verdict, once checked. */
  result?: PuzzleVerdict | undefined;
  onCheck?: () => void;
}

export function Icon({ name }: { name: 'run' | 'stop' | 'reset' | 'share' | 'timeline' | 'step' }) {
  const paths = {
    run: 'M4 2.5v11l9-5.5z',
    stop: 'M3.5 3.5h9v9h-9z',
    reset: 'M3 8a5 5 0 1 0 1.6-3.7M3 2.5v3h3',
    share: 'M4 6l4 4 4-4',
    timeline: 'M2 4h6M5 8h9M3 12h5',
    step: 'M3 3v10M7 8h6M10.5 5.5 13 8l-2.5 2.5',
  } as const;
  const filled = name === 'run' || name === 'stop';
  return (
    <svg className="sandbox-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={paths[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function Header(props: SandboxViewProps) {
  const { id, title, state, live } = props;
  const busy = state === 'loading' || state === 'running';
  return (
    <div className="sandbox-bar">
      <a className="sandbox-title" href={`#${id}`}>
        {title}
      </a>
      <div className="sandbox-toolbar" role="group" aria-label={`${title}: controls`}>
        <div className="sandbox-actions">
          <button
            type="button"
            className="sandbox-button sandbox-run"
            data-sandbox-run=""
            onClick={props.onRun}
            disabled={props.runDisabled}
          >
            <Icon name="run" />
            Run
          </button>
          <button
            type="button"
            className="sandbox-button"
            data-sandbox-stop=""
            onClick={props.onStop}
            disabled={!busy}
          >
            <Icon name="stop" />
            Stop
          </button>
          <button
            type="button"
            className="sandbox-button"
            data-sandbox-reset=""
            onClick={props.onReset}
            disabled={!props.canReset}
          >
            <Icon name="reset" />
            Reset
          </button>
          {props.share}
        </div>
        <div className="sandbox-tools" data-sandbox-tools="">
          <button
            type="button"
            className="sandbox-button"
            data-sandbox-timeline=""
            aria-expanded={props.timelineOpen}
            aria-controls={partId(id, 'timeline')}
            onClick={props.onToggleTimeline}
          >
            <Icon name="timeline" />
            Timeline
          </button>
          {props.stepper && (
            <button
              type="button"
              className="sandbox-button"
              data-sandbox-stepper=""
              aria-expanded={props.stepper.open}
              aria-controls={partId(id, 'stepper')}
              onClick={props.stepper.onToggle}
            >
              <Icon name="step" />
              Step through
            </button>
          )}
          {props.tools}
        </div>
      </div>
      {live && props.overlay}
    </div>
  );
}

function FileBar(props: SandboxViewProps) {
  const { id, title, files, activeFile, live } = props;
  return (
    <div className="sandbox-filebar">
      <div
        className="sandbox-tabs"
        role="tablist"
        aria-label={`${title}: files`}
        onKeyDown={(event) => {
          const next = arrowTarget(event);
          if (next?.dataset.file) props.onSelectFile?.(next.dataset.file);
        }}
      >
        {files.map((path) => {
          const active = path === activeFile;
          return (
            <button
              key={path}
              type="button"
              role="tab"
              className="sandbox-tab"
              id={partId(id, `tab-${fileLabel(path)}`)}
              aria-selected={active}
              aria-controls={partId(id, live ? 'code' : `code-${fileLabel(path)}`)}
              tabIndex={active ? 0 : -1}
              data-file={path}
              onClick={() => props.onSelectFile?.(path)}
            >
              {fileLabel(path)}
            </button>
          );
        })}
      </div>
      <div className="sandbox-codestate" data-sandbox-codestate="">
        {props.codeState}
      </div>
    </div>
  );
}

function CodePane(props: SandboxViewProps) {
  const { id, codeLines, expanded, live, activeFile } = props;
  const long = codeLines > CODE_LINES_SHOWN;
  return (
    <>
      <div
        className="sandbox-editor"
        data-sandbox-editor=""
        data-clipped={long && !expanded ? '' : undefined}
        {...(live
          ? {
              id: partId(id, 'code'),
              role: 'tabpanel',
              'aria-labelledby': partId(id, `tab-${fileLabel(activeFile)}`),
            }
          : {})}
      >
        {props.code}
      </div>
      {long && (
        <button
          type="button"
          className="sandbox-expand"
          data-sandbox-expand=""
          aria-expanded={expanded}
          onClick={props.onToggleExpanded}
        >
          {expanded ? 'Show fewer lines' : `Show all ${codeLines} lines`}
        </button>
      )}
    </>
  );
}

/** The lines of an output-like panel: one element per line, the mismatch marked. */
function Lines({
  lines,
  mismatch,
}: {
  lines: readonly { text: string; className?: string; source?: string | undefined }[];
  mismatch: number | undefined;
}) {
  return lines.map((line, index) => (
    <div
      key={index}
      className={`sandbox-line${line.className ? ` ${line.className}` : ''}`}
      data-source={line.source}
      data-mismatch={mismatch === index + 1 ? '' : undefined}
    >
      {line.text || '\u200b'}
    </div>
  ));
}

function OutputPane(props: SandboxViewProps) {
  const { id, title, tab, lines, verdict, expected, diagnostics, python, node, state } = props;
  const tabs: OutputTab[] = ['output', 'expected'];
  if (diagnostics.length > 0) tabs.push('types');
  if (python) tabs.push('python');
  if (node) tabs.push('node');
  const mismatch = verdict?.kind === 'differs' ? verdict.line : undefined;
  const panel = (name: OutputTab) => ({
    id: partId(id, `panel-${name}`),
    role: 'tabpanel',
    'aria-labelledby': partId(id, `out-${name}`),
    hidden: tab !== name,
    className: `sandbox-panel sandbox-panel-${name}`,
  });
  // Sized for the expected output, so the output growing to it moves nothing below.
  const style = { '--expected-lines': Math.max(2, expected.length) } as React.CSSProperties;
  return (
    <div className="sandbox-out" style={style}>
      <div
        className="sandbox-tabs sandbox-outtabs"
        role="tablist"
        aria-label={`${title}: output`}
        onKeyDown={(event) => {
          const next = arrowTarget(event);
          const name = next?.dataset.tab as OutputTab | undefined;
          if (name) props.onSelectTab?.(name);
        }}
      >
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className={`sandbox-tab sandbox-tab-${name}`}
            id={partId(id, `out-${name}`)}
            aria-selected={tab === name}
            aria-controls={partId(id, `panel-${name}`)}
            tabIndex={tab === name ? 0 : -1}
            data-tab={name}
            onClick={() => props.onSelectTab?.(name)}
          >
            {TAB_LABELS[name]}
            {name === 'types' && <span className="sandbox-count">{diagnostics.length}</span>}
          </button>
        ))}
      </div>
      <div className="sandbox-panels">
        <div {...panel('output')} hidden={tab !== 'output'}>
          <div
            className="sandbox-output"
            role="log"
            aria-label={`Output of ${title}`}
            tabIndex={0}
            data-sandbox-output=""
          >
            {lines.length === 0 && state === 'idle' ? (
              <div className="sandbox-placeholder">Press Run to see what this program prints.</div>
            ) : (
              <Lines
                lines={lines.map((line) => ({
                  text: line.text,
                  className: `sandbox-${line.method} sandbox-${line.stream}`,
                  source: line.source,
                }))}
                mismatch={mismatch}
              />
            )}
          </div>
        </div>
        <div {...panel('expected')}>
          <div
            className="sandbox-output sandbox-expected"
            tabIndex={0}
            role="region"
            aria-label={`Expected output of ${title}`}
            data-sandbox-expected=""
          >
            <Lines
              lines={(expected.length ? expected : ['(prints nothing)']).map((text) => ({ text }))}
              mismatch={mismatch}
            />
          </div>
        </div>
        {diagnostics.length > 0 && (
          <div {...panel('types')}>
            <div
              className="sandbox-output sandbox-diagnostics"
              tabIndex={0}
              role="region"
              aria-label={`TypeScript errors in ${title}`}
              data-sandbox-diagnostics=""
            >
              <p className="sandbox-panel-note">
                What <code>tsc</code> says about this program (it still runs: TypeScript’s types are
                erased before it does).
              </p>
              <Lines lines={diagnostics.map((text) => ({ text }))} mismatch={undefined} />
            </div>
          </div>
        )}
        {python && (
          <div {...panel('python')}>
            <CounterpartPanel title={title} language="Python" hook="python" counterpart={python} />
          </div>
        )}
        {node && (
          <div {...panel('node')}>
            <CounterpartPanel title={title} language="Node" hook="node" counterpart={node} />
          </div>
        )}
      </div>
    </div>
  );
}

function CounterpartPanel({
  title,
  language,
  hook,
  counterpart,
}: {
  title: string;
  language: 'Python' | 'Node';
  hook: 'python' | 'node';
  counterpart: Counterpart;
}) {
  return (
    <div
      className={`sandbox-output sandbox-counterpart sandbox-${hook}`}
      tabIndex={0}
      role="region"
      aria-label={`The same in ${language}: ${title}`}
      {...{ [`data-sandbox-${hook}`]: '' }}
    >
      <p className="sandbox-panel-note">
        The same program {language === 'Node' ? 'for Node' : 'in Python'}. It does not run in your
        browser; below is what <code>{counterpart.command}</code>{' '}
        {language === 'Node' ? '(Node 24) ' : ''}prints, checked by the guide’s tests.
      </p>
      <div className="sandbox-pycode">
        {counterpart.code.map((html, index) => (
          <div
            key={index}
            className="sandbox-line"
            dangerouslySetInnerHTML={{ __html: html || '\u200b' }}
          />
        ))}
      </div>
      <div className="sandbox-pyout-label">{counterpart.command} prints</div>
      <Lines lines={counterpart.output.map((text) => ({ text }))} mismatch={undefined} />
    </div>
  );
}

function StatusBar({ state, elapsed, verdict, exercise }: SandboxViewProps) {
  const status = statusText(state, elapsed);
  const shownVerdict = verdict;
  const text = verdictText(verdict);
  // Announced once per state, not at every tick of the running clock.
  const announcement =
    state === 'running' || state === 'loading'
      ? 'Running'
      : [status, text, exercise?.solved && verdict?.kind === 'match' ? 'Exercise solved' : '']
          .filter(Boolean)
          .join('. ');
  return (
    <div className="sandbox-statusbar">
      <span className="sandbox-status" data-sandbox-status="">
        {status}
      </span>
      <span
        className="sandbox-verdict"
        data-sandbox-verdict={shownVerdict?.kind ?? ''}
        title={
          shownVerdict?.kind === 'differs'
            ? `Expected: ${shownVerdict.expected}\nGot: ${shownVerdict.actual}`
            : undefined
        }
      >
        {shownVerdict && (
          <span
            className="sandbox-verdict-mark"
            dangerouslySetInnerHTML={{ __html: verdictMark(shownVerdict) }}
          />
        )}
        {text}
      </span>
      <span className="sandbox-sr" role="status">
        {announcement}
      </span>
    </div>
  );
}

/**
 * The guess comes before the code runs: a form whose check works on the
 * server's render too (client/activate.ts hands the submit to puzzle.ts).
 */
function Puzzle({ id, title, puzzle }: { id: string; title: string; puzzle: PuzzleProps }) {
  const live = puzzle.onAnswer !== undefined;
  const letters = [...puzzle.tokens].sort((a, b) => a.localeCompare(b));
  return (
    <form
      className="sandbox-puzzle"
      data-sandbox-puzzle=""
      aria-label={`${title}: predict the order`}
      onSubmit={(event) => {
        event.preventDefault();
        puzzle.onCheck?.();
      }}
    >
      <label htmlFor={partId(id, 'guess')}>
        <strong>Predict the order.</strong> Type the letters of the {puzzle.tokens.length} lines in
        the order they print ({letters.join(', ')}):
      </label>
      <span className="sandbox-puzzle-row">
        <input
          id={partId(id, 'guess')}
          name="guess"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder={`e.g. ${letters.join(' ')}`}
          {...(live
            ? {
                value: puzzle.answer ?? '',
                onChange: (event) => {
                  puzzle.onAnswer?.(event.currentTarget.value);
                },
              }
            : { defaultValue: puzzle.answer ?? '' })}
        />
        <button type="submit" className="sandbox-button">
          Check
        </button>
      </span>
      <p
        className="sandbox-puzzle-result"
        role="status"
        data-puzzle-result={puzzle.result?.kind ?? ''}
      >
        {puzzle.result?.text}
      </p>
    </form>
  );
}

export function SandboxView({ timelineRef, stepperRef, ...props }: SandboxViewProps) {
  return (
    <>
      <Header {...props} />
      {props.puzzle && <Puzzle id={props.id} title={props.title} puzzle={props.puzzle} />}
      <div className="sandbox-code">
        <FileBar {...props} />
        <CodePane {...props} />
      </div>
      {props.stepper && (
        <div
          className="sandbox-stepper"
          id={partId(props.id, 'stepper')}
          data-stepper=""
          hidden={!props.stepper.open}
          ref={stepperRef}
        />
      )}
      <div
        className="sandbox-timeline"
        id={partId(props.id, 'timeline')}
        data-timeline=""
        hidden={!props.timelineOpen}
        ref={timelineRef}
      />
      <OutputPane {...props} />
      <StatusBar {...props} />
      {props.exercise && <Exercise id={props.id} title={props.title} exercise={props.exercise} />}
    </>
  );
}

/**
 * The server's code: every file highlighted, the inactive ones hidden while
 * scripts run. CodeMirror's structure under class names of its own (`sb-`
 * for `cm-`), sized by the same rules (sandbox.css), so tests and scripts
 * that look for the live editor never find this one.
 */
export function StaticCode({
  id,
  title,
  files,
  activeFile,
  diagnostics,
}: {
  id: string;
  title: string;
  files: readonly { path: string; lines: readonly string[] }[];
  activeFile: string;
  /** `tsc`'s diagnostics, whose lines get the squiggle. */
  diagnostics: readonly string[];
}) {
  return files.map(({ path, lines }) => {
    const marked = new Set(typeErrorLines(diagnostics, path));
    return (
      <div
        key={path}
        className="sb-editor sandbox-static"
        id={partId(id, `code-${fileLabel(path)}`)}
        role="tabpanel"
        aria-labelledby={partId(id, `tab-${fileLabel(path)}`)}
        data-file={path}
        data-lines={lines.length}
        hidden={path !== activeFile}
      >
        <div
          className="sb-scroller"
          tabIndex={0}
          role="region"
          aria-label={`${fileLabel(path)} of ${title}`}
        >
          <div className="sb-gutters" aria-hidden="true">
            <div className="sb-gutter sb-lineNumbers">
              {lines.map((_, index) => (
                <div key={index} className="sb-gutterElement">
                  {index + 1}
                </div>
              ))}
            </div>
          </div>
          <div className="sb-content">
            {lines.map((html, index) => {
              const className = marked.has(index + 1) ? 'sb-line cm-typeError' : 'sb-line';
              return html ? (
                <div key={index} className={className} dangerouslySetInnerHTML={{ __html: html }} />
              ) : (
                <div key={index} className={className}>
                  <br />
                </div>
              );
            })}
          </div>
        </div>
      </div>
    );
  });
}

/**
 * An exercise's goal, hints and solution, below the code. Hints are nested
 * disclosures, so each opens the next one's button: one at a time, with the
 * browser's own keyboard and screen-reader behaviour, on the server's render
 * too (no script needed until the reader runs code).
 */
function Exercise({ id, title, exercise }: { id: string; title: string; exercise: ExerciseProps }) {
  const { hints, hintsOpen = 0 } = exercise;
  const hint = (index: number): ReactNode => {
    const html = hints[index];
    if (html === undefined) return null;
    return (
      <details className="sandbox-hint" data-sandbox-hint={index + 1} open={index < hintsOpen}>
        <summary>
          Hint {index + 1} of {hints.length}
        </summary>
        <p dangerouslySetInnerHTML={{ __html: html }} />
        {hint(index + 1)}
      </details>
    );
  };
  return (
    <section
      className="sandbox-exercise"
      data-sandbox-exercise=""
      data-solved={exercise.solved ? '' : undefined}
      data-solved-key={exercise.solvedKey}
      aria-labelledby={partId(id, 'exercise')}
    >
      <p className="sandbox-exercise-goal" id={partId(id, 'exercise')}>
        <span>
          <strong>Exercise.</strong> Change the program until Run prints the Expected output.
        </span>
        <span className="sandbox-solved" data-sandbox-solved="">
          <span aria-hidden="true">✓ </span>Solved
          <span className="sandbox-sr"> in this browser</span>
        </span>
      </p>
      {hint(0)}
      <details
        className="sandbox-solution"
        data-sandbox-solution=""
        open={exercise.solutionOpen ?? false}
      >
        <summary>Solution</summary>
        {exercise.solution.map((file) => (
          <div key={file.path} className="sandbox-solution-file">
            {exercise.solution.length > 1 && (
              <div className="sandbox-pyout-label">{fileLabel(file.path)}</div>
            )}
            <pre
              className="sandbox-solution-code"
              tabIndex={0}
              aria-label={`Solution of ${title}: ${fileLabel(file.path)}`}
            >
              {file.lines.map((html, index) => (
                <div
                  key={index}
                  className="sandbox-line"
                  dangerouslySetInnerHTML={{ __html: html || '\u200b' }}
                />
              ))}
            </pre>
          </div>
        ))}
        <button
          type="button"
          className="sandbox-button"
          data-sandbox-use-solution=""
          onClick={exercise.onUseSolution}
        >
          Put the solution in the editor
        </button>
      </details>
    </section>
  );
}
