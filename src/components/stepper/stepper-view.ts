/**
 * A sandbox's stepper: a recorded run (`StepTrace`, made by engine262 in a
 * worker) walked forward and back, with the call stack, the microtask and
 * task queues, the console so far and the virtual clock at each step.
 * Loaded only when a reader opens it (its own chunk and size budget). Plain
 * DOM; what it shows is a function of (trace, step index) alone
 * (`describeStep` in model.ts), so stepping N forward and N back draws the
 * same DOM.
 *
 * Keyboard, only while focus is inside the panel (the editor's keys are
 * never taken): → Step, ← Step back, Shift+→ Step over, Shift+↑ Step out,
 * Home the first step, End the last. In the scrubber its own arrows, Home and
 * End move by a step, to the first and to the last (the same moves); in the
 * speed menu every key is the menu's. Buttons that cannot move stay focusable
 * (`aria-disabled`), so focus is never lost at either end.
 *
 * DOM contract (the end-to-end tests rely on it): `[data-stepper-stack]`,
 * `[data-stepper-microtasks]`, `[data-stepper-tasks]`,
 * `[data-stepper-console]` hold their entries as children and nothing else;
 * `[data-stepper-step]` reads "12 / 57"; `[data-stepper-clock]` the virtual
 * clock; `[data-stepper-end]` the end of the recording, at its last step; the
 * container carries `data-step-kind`, `data-step-turn` and
 * `data-stepper-state` (loading, ready, failed).
 */
import type { StepLocation, StepTrace } from '../../runtime/protocol';
import {
  describeConsoleLine,
  describeStep,
  lastIndex,
  runToEnd,
  stepBack,
  stepForward,
  stepOut,
  stepOver,
  type StepView,
} from './model';
// Its stylesheet (stepper.css) comes with the page's own (Sandbox.astro): as
// this chunk's import it became a render-blocking file of its own on every page.

export interface StepperOptions {
  /** The sandbox id: unique element ids. */
  id: string;
  /** The sandbox title: accessible names. */
  title: string;
  /** Show this location in the editor (undefined clears the highlight). */
  locate: (location: StepLocation | undefined) => void;
  /** The reader pressed Restart: record the current code again (the host calls `loading()` then `show()`). */
  restart: () => void;
}

export interface StepperView {
  /** "Recording the run in the stepper…" */
  loading(): void;
  /** Shows a recording, at its first step. */
  show(trace: StepTrace): void;
  /** Shows why there is no recording (e.g. the stepper could not load). */
  fail(message: string): void;
  destroy(): void;
}

/** Steps per second the Play button can go at; the default is the second. */
const SPEEDS = [1, 2, 4, 8] as const;
const DEFAULT_SPEED = 2;

const LOADING = 'Recording the run in the stepper…';

type ButtonName = 'back' | 'step' | 'over' | 'out' | 'end' | 'play' | 'restart';

/** 16×16 outlines, drawn in the text's colour. */
const ICONS = {
  play: 'M5 3.5v9l7.5-4.5z',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  restart: 'M3 8a5 5 0 1 0 1.5-3.55M3 2.5v3h3',
};

interface ButtonSpec {
  name: ButtonName;
  label: string;
  keys?: string;
  keysText?: string;
}

const BUTTONS: ButtonSpec[] = [
  { name: 'back', label: 'Step back', keys: 'ArrowLeft', keysText: '←' },
  { name: 'step', label: 'Step', keys: 'ArrowRight', keysText: '→' },
  { name: 'over', label: 'Step over', keys: 'Shift+ArrowRight', keysText: 'Shift+→' },
  { name: 'out', label: 'Step out', keys: 'Shift+ArrowUp', keysText: 'Shift+↑' },
  { name: 'end', label: 'Run to end', keys: 'End', keysText: 'End' },
];

type ListName = 'stack' | 'microtasks' | 'tasks' | 'console';

interface Pane {
  list: HTMLOListElement;
  empty: HTMLElement;
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; trace: StepTrace; index: number };

class Stepper implements StepperView {
  private state: State = { kind: 'loading' };
  private readonly events = new AbortController();
  private readonly buttons = {} as Record<ButtonName, HTMLButtonElement>;
  private readonly speed: HTMLSelectElement;
  private readonly scrubber: HTMLInputElement;
  private readonly counter: HTMLElement;
  private readonly clock: HTMLElement;
  private readonly running: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly end: HTMLElement;
  private readonly status: HTMLElement;
  private readonly panes: Record<ListName, Pane>;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The console lines drawn: of which trace, and which of them are marked as just printed. */
  private consoleOf: StepTrace | undefined;
  private located: StepLocation | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: StepperOptions,
  ) {
    const prefix = `${options.id}-stepper`;
    container.classList.add('sandbox-stepper');
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', `Stepper: ${options.title}`);

    const controls = element('div', 'st-controls');
    const moves = element('div', 'st-group');
    for (const spec of BUTTONS) moves.append(this.button(spec));
    const playing = element('div', 'st-group');
    this.speed = element('select', 'st-speed');
    this.speed.setAttribute('aria-label', 'Play speed, steps per second');
    this.speed.title = 'Play speed: steps per second';
    for (const speed of SPEEDS) {
      const option = element('option', '');
      option.value = String(speed);
      option.textContent = `${speed}/s`;
      option.selected = speed === DEFAULT_SPEED;
      this.speed.append(option);
    }
    playing.append(this.button({ name: 'play', label: 'Play' }), this.speed);
    const restart = this.button({ name: 'restart', label: 'Restart' });
    restart.title = 'Record the code as it is now, and go to its first step';
    controls.append(moves, playing, restart);

    const position = element('div', 'st-position');
    const scrubLabel = element('label', 'sandbox-sr');
    scrubLabel.htmlFor = `${prefix}-scrub`;
    scrubLabel.textContent = 'Step of the recording';
    this.scrubber = element('input', 'st-scrub');
    this.scrubber.type = 'range';
    this.scrubber.id = `${prefix}-scrub`;
    this.scrubber.min = '1';
    this.scrubber.step = '1';
    this.counter = element('span', 'st-counter');
    this.counter.dataset.stepperStep = '';
    position.append(scrubLabel, this.scrubber, this.counter);

    const meta = element('div', 'st-meta');
    const clockLabel = element('span', 'st-meta-label');
    clockLabel.textContent = 'Clock';
    this.clock = element('span', 'st-clock');
    this.clock.dataset.stepperClock = '';
    const runningLabel = element('span', 'st-meta-label');
    runningLabel.textContent = 'Running';
    this.running = element('span', 'st-running');
    const clockPart = element('span', 'st-meta-part');
    clockPart.append(clockLabel, ' ', this.clock);
    const runningPart = element('span', 'st-meta-part st-meta-running');
    runningPart.append(runningLabel, ' ', this.running);
    meta.append(clockPart, runningPart);

    const notes = element('div', 'st-notes');
    this.caption = element('p', 'st-caption');
    this.end = element('p', 'st-end');
    this.end.dataset.stepperEnd = '';
    this.end.hidden = true;
    notes.append(this.caption, this.end);

    const grid = element('div', 'st-grid');
    this.panes = {
      stack: this.pane(grid, `${prefix}-stack`, 'stack', 'Call stack', 'innermost first'),
      microtasks: this.pane(
        grid,
        `${prefix}-microtasks`,
        'microtasks',
        'Microtask queue',
        'next to run first',
      ),
      tasks: this.pane(grid, `${prefix}-tasks`, 'tasks', 'Task queue', 'next to run first'),
      console: this.pane(grid, `${prefix}-console`, 'console', 'Console', 'at virtual time'),
    };
    this.panes.stack.empty.textContent = 'Empty: no JavaScript running';
    this.panes.microtasks.empty.textContent = 'Empty';
    this.panes.tasks.empty.textContent = 'Empty';
    this.panes.console.empty.textContent = 'Nothing printed yet';

    const keys = element('p', 'st-keys');
    keys.textContent =
      'Keys in the stepper: → step, ← back, Shift+→ over, Shift+↑ out, Home / End first / last step.';

    this.status = element('div', 'sandbox-sr');
    this.status.setAttribute('role', 'status');

    container.replaceChildren(controls, position, meta, notes, grid, keys, this.status);

    const signal = this.events.signal;
    controls.addEventListener(
      'click',
      (event) => {
        const button = event.target instanceof Element ? event.target.closest('button') : null;
        const name = button?.dataset.stepperButton as ButtonName | undefined;
        if (!button || !name || button.getAttribute('aria-disabled') === 'true') return;
        this.press(name);
      },
      { signal },
    );
    this.speed.addEventListener(
      'change',
      () => {
        if (this.timer !== undefined) this.play();
      },
      { signal },
    );
    this.scrubber.addEventListener(
      'input',
      () => {
        this.move(() => Number(this.scrubber.value) - 1);
      },
      { signal },
    );
    container.addEventListener(
      'keydown',
      (event) => {
        this.onKey(event);
      },
      { signal },
    );
    this.render();
  }

  loading(): void {
    this.pause();
    this.state = { kind: 'loading' };
    this.render();
  }

  show(trace: StepTrace): void {
    this.pause();
    this.state = { kind: 'ready', trace, index: 0 };
    this.render();
  }

  fail(message: string): void {
    this.pause();
    this.state = { kind: 'failed', message };
    this.render();
  }

  destroy(): void {
    this.pause();
    this.events.abort();
    this.locate(undefined);
    this.container.replaceChildren();
    this.container.classList.remove('sandbox-stepper');
    for (const name of [
      'role',
      'aria-label',
      'data-step-kind',
      'data-step-turn',
      'data-stepper-state',
    ]) {
      this.container.removeAttribute(name);
    }
  }

  // -------------------------------------------------------------------------
  // Moves

  private press(name: ButtonName): void {
    switch (name) {
      case 'back':
        this.move((trace, index) => stepBack(trace, index));
        break;
      case 'step':
        this.move((trace, index) => stepForward(trace, index));
        break;
      case 'over':
        this.move((trace, index) => stepOver(trace, index));
        break;
      case 'out':
        this.move((trace, index) => stepOut(trace, index));
        break;
      case 'end':
        this.move((trace) => runToEnd(trace));
        break;
      case 'play':
        if (this.timer === undefined) this.play();
        else this.pause();
        break;
      case 'restart':
        this.pause();
        this.options.restart();
        break;
    }
  }

  /** A manual move: pauses Play, then goes where `to` says. */
  private move(to: (trace: StepTrace, index: number) => number): void {
    this.pause();
    this.go(to);
  }

  private go(to: (trace: StepTrace, index: number) => number): void {
    const state = this.state;
    if (state.kind !== 'ready') return;
    const next = Math.min(lastIndex(state.trace), Math.max(0, to(state.trace, state.index)));
    if (Number.isNaN(next) || next === state.index) return;
    this.state = { ...state, index: next };
    this.render();
  }

  private play(): void {
    const state = this.state;
    if (state.kind !== 'ready') return;
    clearInterval(this.timer);
    // Play at the last step plays the run again from its start.
    if (state.index >= lastIndex(state.trace)) this.go(() => 0);
    const speed = Number(this.speed.value) || DEFAULT_SPEED;
    this.timer = setInterval(() => {
      this.go((trace, index) => stepForward(trace, index));
      const now = this.state;
      if (now.kind !== 'ready' || now.index >= lastIndex(now.trace)) this.pause();
    }, 1000 / speed);
    this.renderPlay();
  }

  private pause(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.renderPlay();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLSelectElement) return;
    // The scrubber's own keys already step (its value is the step); only the shifted moves are ours.
    if (target === this.scrubber && !event.shiftKey) return;
    let name: ButtonName | 'first' | undefined;
    switch (event.key) {
      case 'ArrowRight':
        name = event.shiftKey ? 'over' : 'step';
        break;
      case 'ArrowLeft':
        name = event.shiftKey ? undefined : 'back';
        break;
      case 'ArrowUp':
        name = event.shiftKey ? 'out' : undefined;
        break;
      case 'Home':
        name = event.shiftKey ? undefined : 'first';
        break;
      case 'End':
        name = event.shiftKey ? undefined : 'end';
        break;
    }
    if (name === undefined || this.state.kind !== 'ready') return;
    event.preventDefault();
    if (name === 'first') this.move(() => 0);
    else this.press(name);
  }

  // -------------------------------------------------------------------------
  // Drawing

  private render(): void {
    const state = this.state;
    this.container.dataset.stepperState = state.kind;
    if (state.kind !== 'ready') {
      this.renderIdle(state.kind === 'loading' ? LOADING : state.message, state.kind);
      return;
    }
    const view = describeStep(state.trace, state.index);
    const data = this.container.dataset;
    if (view.kind === undefined) delete data.stepKind;
    else data.stepKind = view.kind;
    data.stepTurn = view.turn;

    this.counter.textContent = view.counter;
    this.clock.textContent = view.clock;
    this.running.textContent = view.running || '—';
    this.scrubber.max = String(Math.max(1, view.total));
    this.scrubber.value = String(view.index + 1);
    this.scrubber.disabled = view.total <= 1;
    this.scrubber.setAttribute(
      'aria-valuetext',
      view.total === 0 ? 'No steps' : `Step ${view.counter.replace(' / ', ' of ')}`,
    );
    this.caption.replaceChildren();
    if (view.caption) {
      const label = element('strong', 'st-caption-step');
      label.textContent = `Step ${view.index + 1}:`;
      this.caption.append(label, ` ${view.note}`);
    }
    this.renderEnd(view);
    this.renderStack(view);
    this.renderQueues(view);
    this.renderConsole(state.trace, view);

    this.enable('back', !view.atStart);
    this.enable('step', !view.atEnd);
    this.enable('over', view.canStepOver);
    this.enable('out', view.canStepOut);
    this.enable('end', !view.atEnd);
    this.enable('play', view.total > 1);
    this.enable('restart', true);
    this.renderPlay();
    this.announce(view.announcement);
    this.locate(view.location);
  }

  private renderIdle(message: string, kind: 'loading' | 'failed'): void {
    const data = this.container.dataset;
    delete data.stepKind;
    delete data.stepTurn;
    this.counter.textContent = '0 / 0';
    this.clock.textContent = '0 ms';
    this.running.textContent = '—';
    this.scrubber.max = '1';
    this.scrubber.value = '1';
    this.scrubber.disabled = true;
    this.scrubber.setAttribute('aria-valuetext', 'No steps');
    this.caption.textContent = kind === 'loading' ? message : '';
    this.end.hidden = kind === 'loading';
    this.end.dataset.endKind = 'failed';
    this.end.textContent = kind === 'loading' ? '' : message;
    for (const pane of Object.values(this.panes)) {
      pane.list.replaceChildren();
      pane.empty.hidden = false;
    }
    this.consoleOf = undefined;
    for (const name of Object.keys(this.buttons) as ButtonName[])
      this.enable(name, name === 'restart');
    this.renderPlay();
    this.announce(message);
    this.locate(undefined);
  }

  private renderEnd(view: StepView): void {
    const end = view.end;
    this.end.hidden = end === undefined;
    if (!end) {
      this.end.replaceChildren();
      delete this.end.dataset.endKind;
      return;
    }
    this.end.dataset.endKind = end.kind;
    const title = element('span', 'st-end-title');
    title.textContent = end.title;
    this.end.replaceChildren(title);
    if (end.detail) {
      const detail = element('span', 'st-end-detail');
      detail.textContent = end.detail;
      this.end.append(' ', detail);
    }
  }

  private renderStack(view: StepView): void {
    const items = view.stack.map((frame, depth) => {
      const item = element('li', 'st-frame');
      if (depth === 0) item.dataset.top = '';
      const name = element('span', 'st-frame-name');
      name.textContent = frame.name;
      item.append(name);
      for (const mark of frame.marks) {
        const tag = element('span', 'st-tag');
        tag.textContent = mark;
        item.append(srText(', '), tag);
      }
      return item;
    });
    this.fill('stack', items);
  }

  private renderQueues(view: StepView): void {
    this.fill(
      'microtasks',
      view.microtasks.map((job) => {
        const item = element('li', 'st-job');
        if (job.fresh) item.dataset.fresh = '';
        const label = element('span', 'st-entry-label');
        label.textContent = job.label;
        const sub = element('span', 'st-entry-sub');
        if (job.spec) {
          const spec = element('span', 'st-spec');
          spec.textContent = job.spec;
          sub.append(spec);
        }
        if (job.queuedBy) sub.append(job.spec ? ' · ' : '', job.queuedBy);
        item.append(label, srText(', '), sub);
        return item;
      }),
    );
    this.fill(
      'tasks',
      view.tasks.map((task) => {
        const item = element('li', 'st-task');
        if (task.fresh) item.dataset.fresh = '';
        const label = element('span', 'st-entry-label');
        label.textContent = task.label;
        const due = element('span', 'st-due');
        due.textContent = task.due;
        item.append(label, srText(', '), due);
        return item;
      }),
    );
  }

  /** Console lines are added and removed at the end, not redrawn: a long run's console stays cheap to step. */
  private renderConsole(trace: StepTrace, view: StepView): void {
    const { list, empty } = this.panes.console;
    if (this.consoleOf !== trace) {
      list.replaceChildren();
      this.consoleOf = trace;
    }
    const before = list.childElementCount;
    while (list.childElementCount > view.console) list.lastElementChild?.remove();
    for (const old of list.querySelectorAll('[data-fresh]')) old.removeAttribute('data-fresh');
    for (let line = list.childElementCount; line < view.console; line++) {
      const entry = describeConsoleLine(trace, line);
      const item = element('li', 'st-line');
      item.dataset.stream = entry.stream;
      // The line as printed, for tests and scripts (its time is shown beside it).
      item.dataset.text = entry.text;
      const at = element('span', 'st-at');
      at.textContent = entry.at;
      const text = element('span', 'st-text');
      text.textContent = entry.text;
      item.append(at, srText(': '), text);
      list.append(item);
    }
    const lines = list.children;
    for (let line = view.console - view.freshConsole; line < view.console; line++) {
      lines[line]?.setAttribute('data-fresh', '');
    }
    empty.hidden = view.console > 0;
    if (list.childElementCount !== before) list.scrollTop = list.scrollHeight;
  }

  private renderPlay(): void {
    const button = this.buttons.play;
    const playing = this.timer !== undefined;
    const label = playing ? 'Pause' : 'Play';
    const text = button.querySelector('.st-label');
    if (text && text.textContent !== label) {
      text.textContent = label;
      button.querySelector('path')?.setAttribute('d', playing ? ICONS.pause : ICONS.play);
      button.title = playing ? 'Pause' : 'Play: one step at a time, at the speed chosen';
    }
  }

  private fill(name: ListName, items: HTMLElement[]): void {
    const pane = this.panes[name];
    pane.list.replaceChildren(...items);
    pane.empty.hidden = items.length > 0;
  }

  private enable(name: ButtonName, enabled: boolean): void {
    const button = this.buttons[name];
    if (enabled) button.removeAttribute('aria-disabled');
    else button.setAttribute('aria-disabled', 'true');
  }

  private announce(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private locate(location: StepLocation | undefined): void {
    const key = (at: StepLocation | undefined) =>
      at ? `${at.path}:${at.line}:${at.column}-${at.endLine}:${at.endColumn}` : '';
    if (key(this.located) === key(location)) return;
    this.located = location;
    this.options.locate(location);
  }

  // -------------------------------------------------------------------------
  // Building

  private button(spec: ButtonSpec): HTMLButtonElement {
    const button = element('button', `sandbox-button st-button st-button-${spec.name}`);
    button.type = 'button';
    button.dataset.stepperButton = spec.name;
    if (spec.keys) {
      button.setAttribute('aria-keyshortcuts', spec.keys);
      button.title = `${spec.label} (${spec.keysText ?? spec.keys})`;
    }
    const label = element('span', 'st-label');
    label.textContent = spec.label;
    // The moves are words alone (they fit one row); Play and Restart carry an icon.
    if (spec.name === 'play' || spec.name === 'restart') button.append(icon(ICONS[spec.name]));
    button.append(label);
    this.buttons[spec.name] = button;
    return button;
  }

  private pane(grid: HTMLElement, id: string, name: ListName, title: string, order: string): Pane {
    const pane = element('div', `st-pane st-pane-${name}`);
    const head = element('div', 'st-pane-head');
    head.id = `${id}-head`;
    const sub = element('span', 'st-pane-sub');
    sub.textContent = order;
    // Its text is the list's name: "Call stack, innermost first".
    head.append(`${title}, `, sub);
    const body = element('div', 'st-pane-body');
    const list = element('ol', 'st-list');
    list.setAttribute('aria-labelledby', head.id);
    // The list scrolls: keyboard readers reach it (its arrows scroll, ← → still step).
    list.tabIndex = 0;
    list.dataset[`stepper${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`] = '';
    const empty = element('p', 'st-empty');
    body.append(list, empty);
    pane.append(head, body);
    grid.append(pane);
    return { list, empty };
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** Punctuation a screen reader reads between parts that the eye tells apart by style. */
function srText(text: string): HTMLElement {
  const span = element('span', 'sandbox-sr');
  span.textContent = text;
  return span;
}

const SVG = 'http://www.w3.org/2000/svg';

function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sandbox-icon st-icon');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export function mountStepper(container: HTMLElement, options: StepperOptions): StepperView {
  return new Stepper(container, options);
}
