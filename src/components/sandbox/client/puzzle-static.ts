/** The puzzle's check on the server's render, before the editor has loaded (the editor's own form takes over). */
import type { SandboxData } from '../shared/data';
import { checkGuess } from '../view/puzzle';

export function checkStaticGuess(root: HTMLElement, form: HTMLFormElement): void {
  const json = root.querySelector('[data-sandbox-data]')?.textContent;
  const order = json ? (JSON.parse(json) as SandboxData).puzzle : undefined;
  const input = form.querySelector('input');
  const result = form.querySelector<HTMLElement>('[data-puzzle-result]');
  if (!order || !input || !result) return;
  const verdict = checkGuess(input.value, order);
  result.dataset.puzzleResult = verdict.kind;
  result.textContent = verdict.text;
}
