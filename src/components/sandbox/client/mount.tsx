/** Mounts the live editor into a server-rendered sandbox. Loaded on demand. */
import { createRoot } from 'react-dom/client';
import type { SandboxData } from '../shared/data';
import type { MountHost } from './activate';
import { EditorBoundary, crashMessage } from './EditorBoundary';
import { SandboxEditor } from './SandboxEditor';

export function mount(root: HTMLElement, host: MountHost): void {
  const json = root.querySelector('[data-sandbox-data]')?.textContent;
  const live = root.querySelector<HTMLElement>('[data-sandbox-live]');
  const notice = root.querySelector<HTMLElement>('[data-sandbox-notice]');
  if (!json || !live || !notice) throw new Error('The sandbox markup is incomplete.');
  const data = JSON.parse(json) as SandboxData;
  // Hidden, not removed: if the editor fails, the static code and this button come back.
  const activateButton = root.querySelector<HTMLElement>('[data-sandbox-activate]');
  if (activateButton) activateButton.hidden = true;
  const runNow = root.dataset.runRequested === 'true';
  delete root.dataset.runRequested;
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
      host.fail('editor-crash', crashMessage(error));
    });
  };
  const reactRoot = createRoot(live, {
    // Errors the boundary cannot catch (the boundary's own) end the same way.
    onUncaughtError: crash,
  });
  reactRoot.render(
    <EditorBoundary onCrash={crash}>
      <SandboxEditor
        data={data}
        runNow={runNow}
        notice={notice}
        onStateChange={onStateChange}
        onRuntimeReady={onRuntimeReady}
      />
    </EditorBoundary>,
  );
  root.dataset.live = 'true';
}
