import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { parseShareHash, sharedPayloadFor } from './hash';
import { decodeShare, encodeShare, LONG_URL, MAX_FILE, MAX_PAYLOAD, shareURL } from './share';

const PATHS = ['/index.ts', '/lib.ts'];
const pack = (value: unknown) => LZString.compressToEncodedURIComponent(JSON.stringify(value));

describe('share links', () => {
  it('round-trip the files through the URL fragment', () => {
    const files = { '/index.ts': "import { x } from './lib';\nconsole.log(x, 'ü ✓');\n" };
    const url = shareURL('https://example.org', '/guide/', 'gather', files);
    expect(url).toMatch(/^https:\/\/example\.org\/guide\/#gather:share=[A-Za-z0-9+$-]+$/);
    const hash = url.slice(url.indexOf('#'));
    const payload = sharedPayloadFor(hash, 'gather');
    expect(payload).toBeDefined();
    expect(decodeShare(payload ?? '', PATHS)).toEqual({ ok: true, files });
  });

  it('keeps a typical sandbox link well under the length apps cut', () => {
    const code =
      'const docs = ["doc 0", "doc 1", "doc 2"];\nconsole.log(docs.map((d) => d + " processed."));\n'.repeat(
        12,
      );
    expect(
      shareURL('https://example.org', '/sync-vs-async/', 'blocking', { '/index.ts': code }).length,
    ).toBeLessThan(LONG_URL);
  });

  it('reads only fragments that name a sandbox', () => {
    expect(parseShareHash('#gather:share=abc')).toEqual({ id: 'gather', payload: 'abc' });
    expect(parseShareHash('gather:share=')).toEqual({ id: 'gather', payload: '' });
    expect(parseShareHash('#gather')).toBeUndefined();
    expect(parseShareHash('#:share=abc')).toBeUndefined();
    expect(parseShareHash('#Bad Id:share=abc')).toBeUndefined();
    expect(sharedPayloadFor('#other:share=abc', 'gather')).toBeUndefined();
  });

  it('accepts a "+" that an app turned into a space', () => {
    const payload = encodeShare({ '/index.ts': 'x'.repeat(300) + '??>>' });
    expect(decodeShare(payload.replace(/\+/g, ' '), PATHS).ok).toBe(true);
  });

  const valid = encodeShare({ '/index.ts': `console.log(1);\n// ${'padding '.repeat(20)}` });
  it.each<[string, string]>([
    ['empty', ''],
    ['truncated', valid.slice(0, Math.floor(valid.length / 2))],
    ['tampered', `${valid.slice(0, 10)}QQQQQQQQ${valid.slice(18)}`],
    ['foreign characters', '<script>alert(1)</script>'],
    ['too long', 'A'.repeat(MAX_PAYLOAD + 1)],
    ['not JSON', LZString.compressToEncodedURIComponent('console.log(1)')],
    ['an array', pack([1, 2])],
    ['a bare string', pack('hello')],
    ['missing files', pack({ v: 1 })],
    ['an extra field', pack({ v: 1, files: { '/index.ts': 'x' }, run: true })],
    ['another version', pack({ v: 2, files: { '/index.ts': 'x' } })],
    ['no files', pack({ v: 1, files: {} })],
    ['files as an array', pack({ v: 1, files: ['x'] })],
    ['an unknown path', pack({ v: 1, files: { '/evil.ts': 'x' } })],
    ['a path without slash', pack({ v: 1, files: { 'index.ts': 'x' } })],
    ['a prototype key', pack(JSON.parse('{"v":1,"files":{"__proto__":"x"}}'))],
    ['a number as code', pack({ v: 1, files: { '/index.ts': 42 } })],
    ['an object as code', pack({ v: 1, files: { '/index.ts': { code: 'x' } } })],
    ['a huge file', pack({ v: 1, files: { '/index.ts': 'x'.repeat(MAX_FILE + 1) } })],
  ])('rejects %s with a reason', (_name, payload) => {
    const result = decodeShare(payload, PATHS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
  });

  it('leaves out files the link does not carry (the original code stays)', () => {
    expect(decodeShare(pack({ v: 1, files: { '/lib.ts': 'export const x = 1;' } }), PATHS)).toEqual(
      {
        ok: true,
        files: { '/lib.ts': 'export const x = 1;' },
      },
    );
  });
});
