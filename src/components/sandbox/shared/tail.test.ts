import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitModuleTail, withModuleTail } from './tail';

describe('the module tail', () => {
  it('hides a last-line export {} with its comment, and puts it back', () => {
    const code = 'console.log(1);\n\nexport {}; // this file is a module\n';
    const { shown, tail } = splitModuleTail(code);
    expect(shown).toBe('console.log(1);');
    expect(withModuleTail(shown, tail)).toBe(code);
  });

  it('keeps export {} that is not the last line, and files without it', () => {
    expect(splitModuleTail('export {};\nconsole.log(1);').tail).toBe('');
    expect(splitModuleTail('export {};\nconsole.log(1);\n')).toEqual({
      shown: 'export {};\nconsole.log(1);',
      tail: '\n',
    });
    expect(withModuleTail('a();', '\n')).toBe('a();\n');
    expect(splitModuleTail('export {};\n').shown).toBe('export {};');
  });

  it('round-trips any code that ends with the tail', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => /\S/.test(s) && !s.includes('export {}')),
        (body) => {
          const code = `${body.replace(/\n*$/, '')}\n\nexport {}; // this file is a module\n`;
          const { shown, tail } = splitModuleTail(code);
          expect(shown.includes('export {}')).toBe(false);
          expect(withModuleTail(shown, tail)).toBe(code);
        },
      ),
    );
  });
});
