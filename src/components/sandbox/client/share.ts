/**
 * Share links: the reader's files, compressed into the page URL the way the
 * TypeScript Playground does it (lz-string's URI-safe alphabet).
 *
 *   <page>#<sandbox-id>:share=<payload>
 *
 * The code rides in the fragment, which browsers never send to the server: no
 * server URL-length limit (a query string of a few kilobytes already fails on
 * common servers), no code in access logs. The fragment starts with the
 * sandbox id, so a link can never apply one sandbox's code to another.
 * Everything decoded from a URL is untrusted: the payload is checked strictly
 * before a single character of it reaches the editor, and shared code never
 * runs before the reader presses Run.
 */
import LZString from 'lz-string';
import { SHARE_MARK } from './hash';

export { parseShareHash, SHARE_MARK, sharedPayloadFor } from './hash';
/** Format version inside the payload. */
const VERSION = 1;

/** Longest payload accepted from a URL (characters). */
export const MAX_PAYLOAD = 100_000;
/** Largest accepted file and total size after decompression (characters). */
export const MAX_FILE = 200_000;
export const MAX_TOTAL = 400_000;
/** Share links longer than this may be cut off by chat apps, mail clients and some servers. */
export const LONG_URL = 8_000;

const PAYLOAD_ALPHABET = /^[A-Za-z0-9+\-$]+$/;

export type SharedFiles = Record<string, string>;

export type DecodeResult = { ok: true; files: SharedFiles } | { ok: false; reason: string };

export function encodeShare(files: SharedFiles): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify({ v: VERSION, files }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * Decodes a payload and checks its shape: `{ v: 1, files: { <known path>: <string> } }`,
 * nothing else, within the size limits. Files the payload leaves out keep the
 * original code (a demo may gain a helper file after the link was made).
 */
export function decodeShare(payload: string, knownPaths: readonly string[]): DecodeResult {
  // Some apps turn "+" into a space; lz-string does the same repair.
  const text = payload.replace(/ /g, '+');
  if (text.length === 0) return { ok: false, reason: 'the link carries no code' };
  if (text.length > MAX_PAYLOAD) return { ok: false, reason: 'the link is too long' };
  if (!PAYLOAD_ALPHABET.test(text)) {
    return { ok: false, reason: 'the link contains characters a share link never has' };
  }
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, reason: 'the code in the link cannot be unpacked' };
  if (json.length > MAX_TOTAL + 10_000)
    return { ok: false, reason: 'the shared code is too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the link is damaged or cut off' };
  }
  if (!isPlainObject(parsed)) return { ok: false, reason: 'the link is damaged' };
  const keys = Object.keys(parsed);
  if (keys.length !== 2 || !Object.hasOwn(parsed, 'v') || !Object.hasOwn(parsed, 'files')) {
    return { ok: false, reason: 'the link is damaged' };
  }
  if (parsed.v !== VERSION) {
    return { ok: false, reason: 'the link was made by a different version of this site' };
  }
  const files = parsed.files;
  if (!isPlainObject(files)) return { ok: false, reason: 'the link is damaged' };
  const entries = Object.entries(files);
  if (entries.length === 0) return { ok: false, reason: 'the link carries no code' };
  const result: SharedFiles = {};
  let total = 0;
  for (const [path, code] of entries) {
    if (!knownPaths.includes(path)) {
      return { ok: false, reason: `the link names a file this sandbox does not have` };
    }
    if (typeof code !== 'string') return { ok: false, reason: 'the link is damaged' };
    if (code.length > MAX_FILE) return { ok: false, reason: 'the shared code is too large' };
    total += code.length;
    result[path] = code;
  }
  if (total > MAX_TOTAL) return { ok: false, reason: 'the shared code is too large' };
  return { ok: true, files: result };
}

/** `<origin><page>#<id>:share=<payload>` */
export function shareURL(origin: string, page: string, id: string, files: SharedFiles): string {
  return `${origin}${page}#${id}${SHARE_MARK}${encodeShare(files)}`;
}
