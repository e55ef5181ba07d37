/**
 * The stepper's place in the editor: the line of the current step, and the
 * code it is about to run marked within it. Kept in the editor state like
 * the error line (error-line.ts), so a position can never fall outside the
 * document: an edit clears it (the recording was of the code before).
 */
import { StateEffect, StateField, type Text, type TransactionSpec } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import type { StepLocation } from '../../../runtime/protocol';

const setStepLocation = StateEffect.define<StepLocation | undefined>();

const lineDecoration = Decoration.line({ class: 'cm-stepLine' });
const rangeDecoration = Decoration.mark({ class: 'cm-stepRange' });

/** Offset of a 1-based line and column, clamped into the document. */
function offsetOf(doc: Text, line: number, column: number): number {
  const at = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(at.from + Math.max(0, column - 1), at.to);
}

/** The decorations for `location` in `doc`; none when the document has no such line. */
export function stepDecorations(doc: Text, location: StepLocation | undefined): DecorationSet {
  if (!location || !Number.isInteger(location.line) || location.line < 1) return Decoration.none;
  if (location.line > doc.lines) return Decoration.none;
  const line = doc.line(location.line);
  const from = offsetOf(doc, location.line, location.column);
  // A statement spanning lines is marked to the end of its first line.
  const to =
    location.endLine === location.line
      ? Math.max(from, offsetOf(doc, location.endLine, location.endColumn))
      : line.to;
  const ranges = [lineDecoration.range(line.from)];
  if (to > from) ranges.push(rangeDecoration.range(from, to));
  return Decoration.set(ranges);
}

const stepField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = transaction.docChanged ? Decoration.none : value;
    for (const effect of transaction.effects) {
      if (effect.is(setStepLocation)) next = stepDecorations(transaction.state.doc, effect.value);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export const stepLineExtensions = [stepField];

/** Shows `location` (undefined clears it) and scrolls its line into view. */
export function stepLineSpec(doc: Text, location: StepLocation | undefined): TransactionSpec {
  const effects: TransactionSpec['effects'] = [setStepLocation.of(location)];
  if (location && location.line >= 1 && location.line <= doc.lines) {
    return {
      effects: [
        setStepLocation.of(location),
        EditorView.scrollIntoView(doc.line(location.line).from, { y: 'nearest' }),
      ],
    };
  }
  return { effects };
}
