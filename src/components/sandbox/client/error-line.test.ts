import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { errorLineExtensions, errorLineOf, errorLineSpec } from './error-line';

const code = 'const fine = 1;\nconst broken = ;\nconsole.log(fine, broken);\n';

function withError(line: number): EditorState {
  const state = EditorState.create({ doc: code, extensions: errorLineExtensions });
  return state.update(errorLineSpec(line)).state;
}

describe('error line', () => {
  it('highlights the line an error names', () => {
    expect(errorLineOf(withError(2))).toBe(2);
  });

  it('survives replacing the whole document (select all, then type)', () => {
    let state = withError(2);
    state = state.update({ changes: { from: 0, to: state.doc.length, insert: '' } }).state;
    expect(errorLineOf(state)).toBeUndefined();
    for (const char of "console.log('hi')") {
      state = state.update({ changes: { from: state.doc.length, insert: char } }).state;
    }
    expect(state.doc.toString()).toBe("console.log('hi')");
    expect(errorLineOf(state)).toBeUndefined();
  });

  it('follows its line through edits elsewhere and goes when its own line is edited', () => {
    let state = withError(2);
    state = state.update({ changes: { from: 0, insert: '// note\n' } }).state;
    expect(errorLineOf(state)).toBe(3);
    const line = state.doc.line(3);
    state = state.update({ changes: { from: line.to - 1, insert: ' 2' } }).state;
    expect(errorLineOf(state)).toBeUndefined();
  });

  it('ignores a line the document does not have (an error about older code)', () => {
    let state = withError(2);
    state = state.update(errorLineSpec(40)).state;
    expect(errorLineOf(state)).toBeUndefined();
    state = state.update(errorLineSpec(1)).state;
    expect(errorLineOf(state)).toBe(1);
    state = state.update(errorLineSpec(undefined)).state;
    expect(errorLineOf(state)).toBeUndefined();
  });
});
