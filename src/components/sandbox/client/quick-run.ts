/**
 * Run before the editor: a press on the server-rendered Run sends the page's
 * code to a runtime frame of its own at once, with the same state machine as
 * the live editor (machine.ts), and writes the output into the server's
 * markup. Loading the editor (React, Sandpack, CodeMirror: most of a second
 * on a slow phone) happens beside it. When the editor mounts it takes the run
 * over as it is (`QuickRun`): the run goes on in this frame, which Sandpack's
 * client would have reloaded, and ends here; the editor's next run uses its
 * own frame.
 */
import { runtimeURL } from '../../../runtime/client';
import {
  isRuntimeMessage,
  OUTPUT_HEAD_LIMIT,
  type SandpackModules,
  type SourceLocation,
} from '../../../runtime/protocol';
import type { TimelineView } from '../../timeline/live/timeline-view';
import type { SandboxData } from '../shared/data';
import { outputLines, statusText, verdictMark, verdictOf, verdictText } from '../view/model';
import {
  initialMachine,
  isBusy,
  machineEventOf,
  step,
  type Effect,
  type Machine,
  type MachineEvent,
} from './machine';
import { loadTimeline, runRecordOf, TIMELINE_LOAD_FAILED } from './timeline';

export interface QuickRun {
  machine(): Machine;
  /** Where the run's error pointed, for the editor to mark. */
  errorAt(): Pick<SourceLocation, 'path' | 'line'> | undefined;
  subscribe(listener: () => void): () => void;
  stop(): void;
  /** The editor has drawn the sandbox: stop writing into the server's markup. */
  handOver(): void;
  /** The frame goes (the run is stopped if it still goes on). */
  dispose(): void;
}

const runs = new WeakMap<HTMLElement, QuickRun>();
const timelines = new WeakMap<HTMLElement, TimelineView>();

/**
 * Timeline on the server's render: opens or closes it, loading the view the
 * first time. It draws the quick run, if any, until the editor takes over
 * (which reads the button's state and opens its own).
 */
export function toggleTimeline(root: HTMLElement): void {
  const button = root.querySelector<HTMLElement>('[data-sandbox-timeline]');
  const container = root.querySelector<HTMLElement>('[data-timeline]');
  if (root.dataset.live || !button || !container) return;
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  container.hidden = !open;
  if (!open || timelines.has(root)) return;
  const title = root.querySelector('.sandbox-title')?.textContent ?? root.id;
  loadTimeline().then(
    ({ mountTimeline }) => {
      if (root.dataset.live || timelines.has(root)) return;
      const view = mountTimeline(container, { id: root.id, title });
      timelines.set(root, view);
      view.update(runRecordOf(runs.get(root)?.machine()));
    },
    () => {
      container.textContent = TIMELINE_LOAD_FAILED;
    },
  );
}

export function quickRunOf(root: HTMLElement): QuickRun | undefined {
  return runs.get(root);
}

function quickRunFor(root: HTMLElement): QuickRunImpl | undefined {
  if (root.dataset.live) return undefined;
  const existing = runs.get(root);
  if (existing instanceof QuickRunImpl) return existing;
  const json = root.querySelector('[data-sandbox-data]')?.textContent;
  if (!json) return undefined;
  const run = new QuickRunImpl(root, JSON.parse(json) as SandboxData);
  runs.set(root, run);
  return run;
}

export function startQuickRun(root: HTMLElement): void {
  const run = quickRunFor(root);
  if (!run) return;
  root.dataset.quickRun = 'true';
  run.run();
}

/** The reader is about to press Run: the runtime frame starts loading now. */
export function warmQuickRun(root: HTMLElement): void {
  quickRunFor(root)?.warmUp();
}

class QuickRunImpl implements QuickRun {
  private state: Machine = initialMachine();
  private readonly listeners = new Set<() => void>();
  private frame: HTMLIFrameElement | undefined;
  private readonly channel = Math.floor(Math.random() * 1_000_000);
  private drawing = true;
  private started = false;
  private error: Pick<SourceLocation, 'path' | 'line'> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly data: SandboxData,
  ) {}

  machine(): Machine {
    return this.state;
  }

  errorAt(): Pick<SourceLocation, 'path' | 'line'> | undefined {
    return this.error;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  run(): void {
    this.send({ type: 'run', now: performance.now() });
  }

  warmUp(): void {
    this.send({ type: 'warm-up' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  handOver(): void {
    this.drawing = false;
  }

  dispose(): void {
    if (isBusy(this.state)) this.post({ type: 'sandbox/stop' });
    this.frame?.remove();
    this.frame = undefined;
    removeEventListener('message', this.onMessage);
    clearInterval(this.clock);
    this.listeners.clear();
  }

  private send(event: MachineEvent): void {
    const [next, effects] = step(this.state, event);
    // Started: it printed, or ended, or cannot run.
    const started =
      next.entries.length > 0 || (next.shownRun > 0 && !isBusy(next)) || next.runtime === 'failed';
    if (started && !this.started) {
      this.started = true;
      this.root.dispatchEvent(new Event('sandbox:quick-started'));
    }
    this.state = next;
    for (const effect of effects) this.perform(effect);
    this.tickWhileBusy();
    if (this.drawing) {
      this.draw();
      timelines.get(this.root)?.update(runRecordOf(this.state));
    }
    for (const listener of this.listeners) listener();
  }

  private tickWhileBusy(): void {
    if (isBusy(this.state) && this.clock === undefined) {
      this.clock = setInterval(() => {
        this.send({ type: 'tick', now: performance.now() });
      }, 100);
    } else if (!isBusy(this.state) && this.clock !== undefined) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private perform(effect: Effect): void {
    switch (effect.type) {
      case 'start-runtime':
      case 'reload-runtime':
        this.openFrame();
        break;
      case 'send-run': {
        const modules: SandpackModules = Object.fromEntries(
          this.data.files.map((file) => [file.path, { code: file.code, path: file.path }]),
        );
        this.error = undefined;
        this.post({ type: 'sandbox/run', modules });
        break;
      }
      case 'send-stop':
        this.post({ type: 'sandbox/stop' });
        break;
      case 'send-ping':
        break;
    }
  }

  private openFrame(): void {
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.title = `${this.data.title} runtime`;
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
    frame.src = runtimeURL();
    addEventListener('message', this.onMessage);
    frame.addEventListener('error', () => {
      this.send({ type: 'runtime-failed' });
    });
    this.root.append(frame);
    this.frame = frame;
  }

  /** Our messages ride Sandpack's envelope on a channel of our own (protocol.ts, hop 1). */
  private post(message: Record<string, unknown>): void {
    this.frame?.contentWindow?.postMessage(
      { ...message, codesandbox: true, $id: this.channel },
      location.origin,
    );
  }

  private readonly onMessage = (event: MessageEvent<unknown>): void => {
    if (!this.frame?.contentWindow || event.source !== this.frame.contentWindow) return;
    if (event.origin !== location.origin) return;
    const message = event.data;
    if (!isRuntimeMessage(message)) return;
    if (message.type === 'initialized') {
      // What Sandpack's client does on `initialized`; the runtime then answers on our channel.
      this.frame.contentWindow.postMessage(
        { type: 'register-frame', origin: location.origin, id: this.channel },
        location.origin,
      );
      this.send({ type: 'runtime-ready' });
      return;
    }
    if (message.type === 'action' && message.path && message.line) {
      this.error = { path: message.path, line: message.line };
    }
    const next = machineEventOf(message);
    if (next) this.send(next);
  };

  /** The server's markup, as SandboxView would draw it. */
  private draw(): void {
    const { root, state: machine } = this;
    root.dataset.state = machine.state;
    const lines = outputLines(machine.entries, machine.dropped, OUTPUT_HEAD_LIMIT);
    const finished = !isBusy(machine);
    const verdict = verdictOf(this.data.expected, lines, machine.state);
    const mismatch = verdict?.kind === 'differs' ? verdict.line : 0;
    const log = root.querySelector<HTMLElement>('[data-sandbox-output]');
    if (log) {
      log.replaceChildren(
        ...lines.map((line) => {
          const element = document.createElement('div');
          element.className = `sandbox-line sandbox-${line.method} sandbox-${line.stream}`;
          if (line.source) element.dataset.source = line.source;
          if (line.line === mismatch) element.dataset.mismatch = '';
          element.textContent = line.text || '\u200b';
          return element;
        }),
      );
    }
    root
      .querySelectorAll<HTMLElement>('[data-sandbox-expected] .sandbox-line')
      .forEach((line, i) => {
        line.toggleAttribute('data-mismatch', i + 1 === mismatch);
      });
    const outputTab = root.querySelector<HTMLElement>('[data-tab="output"]');
    if (outputTab && outputTab.getAttribute('aria-selected') !== 'true') outputTab.click();
    const stop = root.querySelector<HTMLButtonElement>('[data-sandbox-stop]');
    if (stop) {
      stop.disabled = finished;
      stop.onclick = () => {
        this.stop();
      };
    }
    const status = root.querySelector('[data-sandbox-status]');
    if (status) status.textContent = statusText(machine.state, machine.elapsed);
    const verdictElement = root.querySelector<HTMLElement>('[data-sandbox-verdict]');
    if (verdictElement) {
      verdictElement.dataset.sandboxVerdict = verdict?.kind ?? '';
      // The same markup as SandboxView's (our own strings only).
      verdictElement.innerHTML = verdict
        ? `<span class="sandbox-verdict-mark">${verdictMark(verdict)}</span>${verdictText(verdict)}`
        : '';
    }
  }
}
