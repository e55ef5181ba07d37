/**
 * The reader's edits survive a reload: each sandbox's files are kept in
 * localStorage under the page, the sandbox id and a hash of the ORIGINAL
 * files. When a later release changes the demo, its hash changes, the old
 * edits no longer match and are dropped instead of being applied to code
 * they were not written for.
 *
 * Storage can be missing or throw (a sandboxed iframe of a learning platform,
 * blocked third-party storage, a full quota): every access is guarded and a
 * failure only means edits are not kept.
 */

const PREFIX = 'sandbox-edits:v1:';
/** Larger edits are not stored (the quota is shared by the whole site). */
export const MAX_STORED = 400_000;

export interface FileLike {
  path: string;
  code: string;
}

/** A short, stable hash of file paths and contents (cyrb53; not cryptographic). */
export function hashFiles(files: readonly FileLike[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const text = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => `${file.path}\u0000${file.code}\u0000`)
    .join('');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The key prefix of one sandbox, for every version of its demo. */
export function sandboxPrefix(page: string, id: string): string {
  return `${PREFIX}${page}#${id}:`;
}

export function storageKey(page: string, id: string, originals: readonly FileLike[]): string {
  return `${sandboxPrefix(page, id)}${hashFiles(originals)}`;
}

/** localStorage, or undefined where the browser refuses it. */
export function safeStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    // Reading a key proves access; some browsers only throw here.
    storage.getItem(PREFIX);
    return storage;
  } catch {
    return undefined;
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Removes stored edits of this sandbox that were made against another version of the demo. */
export function dropStale(storage: Storage | undefined, page: string, id: string, key: string) {
  if (!storage) return;
  try {
    const prefix = sandboxPrefix(page, id);
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (name?.startsWith(prefix) && name !== key) stale.push(name);
    }
    for (const name of stale) storage.removeItem(name);
  } catch {
    // Nothing to do: storage is unavailable.
  }
}

/**
 * The stored edits for `key`, only the files the demo has, only when they differ
 * from the original; undefined when there is nothing usable.
 */
export function loadEdits(
  storage: Storage | undefined,
  key: string,
  originals: readonly FileLike[],
): Record<string, string> | undefined {
  if (!storage) return undefined;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    clearEdits(storage, key);
    return undefined;
  }
  if (!isStringRecord(parsed)) {
    clearEdits(storage, key);
    return undefined;
  }
  const edits: Record<string, string> = {};
  for (const file of originals) {
    const code = Object.hasOwn(parsed, file.path) ? parsed[file.path] : undefined;
    if (code !== undefined && code !== file.code) edits[file.path] = code;
  }
  return Object.keys(edits).length > 0 ? edits : undefined;
}

/**
 * Stores the files that differ from the original; removes the entry when none
 * does. Returns false when storage refused (unavailable or full).
 */
export function saveEdits(
  storage: Storage | undefined,
  key: string,
  originals: readonly FileLike[],
  current: Readonly<Record<string, string>>,
): boolean {
  if (!storage) return false;
  const changed: Record<string, string> = {};
  let size = 0;
  for (const file of originals) {
    const code = current[file.path];
    if (code !== undefined && code !== file.code) {
      changed[file.path] = code;
      size += code.length;
    }
  }
  if (Object.keys(changed).length === 0) return clearEdits(storage, key);
  if (size > MAX_STORED) return false;
  try {
    storage.setItem(key, JSON.stringify(changed));
    return true;
  } catch {
    return false;
  }
}

export function clearEdits(storage: Storage | undefined, key: string): boolean {
  if (!storage) return false;
  try {
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
