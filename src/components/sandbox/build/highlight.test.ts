import { describe, expect, it } from 'vitest';
import { highlightLines } from './highlight';

describe('build-time highlighting', () => {
  it('gives one HTML line per source line, with the editor classes', () => {
    const lines = highlightLines('const a = 1; // one\n\nconsole.log(`x\ny`);\n', 'ts');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('<span class="sp-syntax-keyword">const</span>');
    expect(lines[0]).toContain('<span class="sp-syntax-static">1</span>');
    expect(lines[0]).toContain('<span class="sp-syntax-comment">// one</span>');
    expect(lines[1]).toBe('');
    // A template literal across lines is closed and reopened at the line end.
    expect(lines[2]).toMatch(/<span class="sp-syntax-string">`x<\/span>$/);
    expect(lines[3]).toMatch(/^<span class="sp-syntax-string">y`<\/span>/);
  });

  it('escapes markup and keeps every character', () => {
    const code = 'const x: Array<string> = [];\nif (a < b && c > d) {}';
    const lines = highlightLines(code, 'ts');
    const text = lines.map((line) => line.replace(/<[^>]+>/g, '')).join('\n');
    expect(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(code);
    expect(lines.join('')).not.toMatch(/<string>/);
  });

  it('highlights Python', () => {
    const [line] = highlightLines('def main():', 'python');
    expect(line).toContain('<span class="sp-syntax-keyword">def</span>');
  });
});
