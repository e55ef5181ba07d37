/**
 * The highlight on the line an error points at, in place of Sandpack's
 * `showInlineErrors`. Sandpack's version keeps the decoration's position
 * unmapped while the document changes, so replacing the code after an error
 * leaves a decoration past the end of the new document: CodeMirror then
 * throws on every update ("Position … is out of range for changeset", "No
 * tile at position …") and edits stop reaching the files that Run sends.
 *
 * Here the highlight lives in the editor state: it follows its line through
 * edits elsewhere, goes away when its own line is edited (the error was
 * about the code as compiled; the next compile reports again) and is only
 * ever placed on a line the document has.
 */
import {
  StateEffect,
  StateField,
  type EditorState,
  type Extension,
  type Text,
  type TransactionSpec,
} from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { typeErrorLines } from '../shared/diagnostics';

/** A 1-based line, or undefined to clear. */
const setErrorLine = StateEffect.define<number | undefined>();

/** Sandpack's editor theme already styles this class. */
const lineDecoration = Decoration.line({ class: 'cm-errorLine' });

/** The decoration for `line` in `doc`, or none when the document has no such line. */
export function errorLineAt(doc: Text, line: number | undefined): DecorationSet {
  if (line === undefined || !Number.isInteger(line) || line < 1 || line > doc.lines) {
    return Decoration.none;
  }
  return Decoration.set([lineDecoration.range(doc.line(line).from)]);
}

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = value;
    if (transaction.docChanged && next.size > 0) {
      const { startState, changes } = transaction;
      const number = errorLineOf(startState);
      const line = number === undefined ? undefined : startState.doc.line(number);
      const { doc } = transaction.state;
      next =
        line && !changes.touchesRange(line.from, line.to)
          ? errorLineAt(doc, doc.lineAt(changes.mapPos(line.from)).number)
          : Decoration.none;
    }
    for (const effect of transaction.effects) {
      if (effect.is(setErrorLine)) next = errorLineAt(transaction.state.doc, effect.value);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The editor extension; pass the same array every render (Sandpack compares it). */
export const errorLineExtensions: Extension[] = [errorLineField];

/** The transaction that highlights `line` (1-based), or clears the highlight. */
export function errorLineSpec(line: number | undefined): TransactionSpec {
  return { effects: setErrorLine.of(line) };
}

/** The highlighted line (1-based), if any. */
export function errorLineOf(state: EditorState): number | undefined {
  const decorations = state.field(errorLineField, false);
  let line: number | undefined;
  decorations?.between(0, state.doc.length, (from) => {
    line = state.doc.lineAt(from).number;
    return false;
  });
  return line;
}

const typeErrorLine = Decoration.line({ class: 'cm-typeError' });

/**
 * The squiggle under each line `tsc` reported (demos that show type errors),
 * for the active file. The marks follow their lines through edits; an edit of
 * a marked line removes its mark (the report was about the code as built).
 */
export function typeErrorExtension(diagnostics: readonly string[]): (path: string) => Extension {
  const cache = new Map<string, Extension>();
  return (path) => {
    const cached = cache.get(path);
    if (cached) return cached;
    const lines = typeErrorLines(diagnostics, path);
    const field = StateField.define<DecorationSet>({
      create: (state) =>
        Decoration.set(
          lines
            .filter((line) => line >= 1 && line <= state.doc.lines)
            .map((line) => typeErrorLine.range(state.doc.line(line).from)),
          true,
        ),
      update(value, transaction) {
        if (!transaction.docChanged) return value;
        const { changes } = transaction;
        return value.map(changes).update({
          filter: (from) => {
            const line = transaction.state.doc.lineAt(from);
            let touched = false;
            changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
              if (fromB <= line.to && toB >= line.from) touched = true;
            });
            return !touched;
          },
        });
      },
      provide: (f) => EditorView.decorations.from(f),
    });
    cache.set(path, field);
    return field;
  };
}
