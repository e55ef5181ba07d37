/** Mounts the live editor into a server-rendered sandbox. Loaded on demand. */
import { createRoot } from 'react-dom/client';
import type { SandboxData } from '../shared/data';
import type { OutputTab } from '../view/model';
import type { MountHost } from './activate';
import { EditorBoundary, crashMessage } from './EditorBoundary';
import { quickRunOf } from './quick-run';
import { SandboxEditor, type StaticChoices } from './SandboxEditor';

/** A copy of the server's code to draw, without ids, roles or tab stops of its own. */
function snapshotOf(code: Element | null): string {
  if (!code) return '';
  const copy = code.cloneNode(true) as Element;
  for (const element of [copy, ...copy.querySelectorAll('*')]) {
    for (const name of ['id', 'role', 'tabindex', 'aria-label', 'aria-labelledby']) {
      element.removeAttribute(name);
    }
  }
  return copy.outerHTML;
}

/** The puzzle's guess and its check, as the server's render had them. */
function guessOf(root: HTMLElement): Pick<StaticChoices, 'guess' | 'guessResult'> {
  const input = root.querySelector<HTMLInputElement>('[data-sandbox-puzzle] input');
  const result = root.querySelector<HTMLElement>('[data-puzzle-result]');
  const kind = result?.dataset.puzzleResult;
  return {
    guess: input?.value ?? '',
    guessResult:
      kind === 'right' || kind === 'wrong' || kind === 'incomplete'
        ? { kind, text: result?.textContent ?? '' }
        : undefined,
  };
}

/** How far the reader opened an exercise's hints and solution, and whether they asked for it in the editor. */
function exerciseOf(
  root: HTMLElement,
): Pick<StaticChoices, 'hintsOpen' | 'solutionOpen' | 'solutionRequested'> {
  let hintsOpen = 0;
  // Nested disclosures: the open ones from the first on (a closed hint hides those inside it).
  for (
    let hint = root.querySelector<HTMLDetailsElement>('details[data-sandbox-hint]');
    hint?.open;
    hint = hint.querySelector<HTMLDetailsElement>(':scope > details[data-sandbox-hint]')
  ) {
    hintsOpen++;
  }
  const solutionRequested = root.dataset.solutionRequested === 'true';
  delete root.dataset.solutionRequested;
  return {
    hintsOpen,
    solutionOpen:
      solutionRequested ||
      root.querySelector<HTMLDetailsElement>('details[data-sandbox-solution]')?.open === true,
    solutionRequested,
  };
}

/** What the reader chose on the server's render (tabs, Show all, Share) carries over. */
function readChoices(root: HTMLElement, data: SandboxData): StaticChoices {
  const selected = (list: string) =>
    root.querySelector<HTMLElement>(`${list} [role="tab"][aria-selected="true"]`);
  const shareOpen = root.dataset.shareRequested === 'true';
  delete root.dataset.shareRequested;
  return {
    activeFile: selected('.sandbox-filebar')?.dataset.file ?? data.activeFile,
    tab: (selected('.sandbox-outtabs')?.dataset.tab as OutputTab | undefined) ?? 'expected',
    expanded: root.querySelector('[data-sandbox-expand]')?.getAttribute('aria-expanded') === 'true',
    shareOpen,
    timelineOpen:
      root.querySelector('[data-sandbox-timeline]')?.getAttribute('aria-expanded') === 'true',
    stepperOpen:
      root.querySelector('[data-sandbox-stepper]')?.getAttribute('aria-expanded') === 'true',
    ...guessOf(root),
    ...exerciseOf(root),
    codeSnapshot: snapshotOf(
      root.querySelector('[data-sandbox-editor] .sandbox-static:not([hidden])'),
    ),
  };
}

export function mount(root: HTMLElement, host: MountHost): void {
  const json = root.querySelector('[data-sandbox-data]')?.textContent;
  const body = root.querySelector<HTMLElement>('[data-sandbox-body]');
  const notice = root.querySelector<HTMLElement>('[data-sandbox-notice]');
  if (!json || !body || !notice) throw new Error('The sandbox markup is incomplete.');
  const data = JSON.parse(json) as SandboxData;
  const runNow = root.dataset.runRequested === 'true';
  delete root.dataset.runRequested;
  const choices = readChoices(root, data);
  const early = quickRunOf(root);
  // Kept to put back if the editor fails: the server's code, as the page had it.
  const serverRender = [...body.childNodes];
  const onStateChange = (state: string): void => {
    root.dataset.state = state;
  };
  const onRuntimeReady = (ready: boolean): void => {
    if (ready) root.dataset.runtime = 'ready';
    else delete root.dataset.runtime;
  };
  let crashed = false;
  const crash = (error: unknown): void => {
    if (crashed) return;
    crashed = true;
    // Unmounting is not allowed while React is rendering or committing.
    setTimeout(() => {
      reactRoot.unmount();
      body.replaceChildren(...serverRender);
      host.fail('editor-crash', crashMessage(error));
    });
  };
  const reactRoot = createRoot(body, {
    // Errors the boundary cannot catch (the boundary's own) end the same way.
    onUncaughtError: crash,
  });
  reactRoot.render(
    <EditorBoundary onCrash={crash}>
      <SandboxEditor
        data={data}
        root={root}
        runNow={runNow}
        early={early}
        choices={choices}
        notice={notice}
        onStateChange={onStateChange}
        onRuntimeReady={onRuntimeReady}
      />
    </EditorBoundary>,
  );
  root.dataset.live = 'true';
}
