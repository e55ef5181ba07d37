/** Mounts the live editor into a server-rendered sandbox. Loaded on demand. */
import { createRoot } from 'react-dom/client';
import type { SandboxData } from '../shared/data';
import { SandboxEditor } from './SandboxEditor';

export function mount(root: HTMLElement): void {
  const json = root.querySelector('[data-sandbox-data]')?.textContent;
  const live = root.querySelector<HTMLElement>('[data-sandbox-live]');
  if (!json || !live) return;
  const data = JSON.parse(json) as SandboxData;
  root.querySelector<HTMLElement>('[data-sandbox-activate]')?.remove();
  const runNow = root.dataset.runRequested === 'true';
  delete root.dataset.runRequested;
  const onStateChange = (state: string): void => {
    root.dataset.state = state;
  };
  const onRuntimeReady = (): void => {
    root.dataset.runtime = 'ready';
  };
  createRoot(live).render(
    <SandboxEditor
      data={data}
      runNow={runNow}
      onStateChange={onStateChange}
      onRuntimeReady={onRuntimeReady}
    />,
  );
  root.dataset.live = 'true';
}
